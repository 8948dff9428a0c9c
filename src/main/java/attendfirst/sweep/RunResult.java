package attendfirst.sweep;

import attendfirst.intervention.Manipulation;

/**
 * The outcome of one manipulated greedy run.
 *
 * @param manipulation what was done
 * @param firstLogits  logits of the last prompt position (vocab), float32
 * @param generated    greedy tokens, stopped by the {@link Generation} rule
 */
public record RunResult(Manipulation manipulation, float[] firstLogits, int[] generated) {
}
