package attendfirst.sweep;

import attendfirst.intervention.Manipulation;

/**
 * The outcome of one manipulated greedy run.
 *
 * @param manipulation what was done
 * @param firstLogits  logits of the last prompt position (vocab), float32; null when the caller did not keep them
 *                     (a sweep of thousands of runs needs only the generated tokens)
 * @param generated    greedy tokens, stopped by the {@link Generation} rule
 */
public record RunResult(Manipulation manipulation, float[] firstLogits, int[] generated) {
}
