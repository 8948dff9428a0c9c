package attendfirst.sweep;

import java.util.function.Predicate;

/**
 * How long a manipulated run generates: at most {@code maxNewTokens} greedy tokens, stopping a
 * sequence once {@code stop} accepts its generated ids (a stop string appeared, or EOS).
 */
public record Generation(int maxNewTokens, Predicate<int[]> stop) {
    public Generation {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        }
    }

    /** Only the next token: the setting of logit comparisons. */
    public static Generation nextToken() { return new Generation(1, ids -> true); }

    public static Generation tokens(int n) { return new Generation(n, ids -> false); }
}
