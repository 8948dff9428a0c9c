package attendfirst.intervention;

/**
 * One of the paper's manipulations of the residual stream (see shared/paper/README.md), acting on the
 * input of decoder layer {@code k} ("layer k" = HF's {@code hidden_states[k]}). Previous tokens are all
 * positions but the newest one; {@link Positions} may narrow them further.
 */
public sealed interface Manipulation {

    /** The layer k whose input is touched first. */
    int layer();

    /** Short name used in reports and sweep keys: none, random, shuffle, freeze, inject, skip-attention. */
    String kind();

    /** Whether generation steps must rewrite the token that just stopped being the newest. */
    default boolean actsOnPreviousTokens() {
        return this instanceof RandomNoise || this instanceof Shuffle || this instanceof Freeze;
    }

    /** No manipulation: the clean run. */
    record None() implements Manipulation {
        @Override
        public int layer() { return Integer.MAX_VALUE; }

        @Override
        public String kind() { return "none"; }
    }

    /** random(k): each previous token's layer-k input becomes standard normal noise rescaled to its L2 norm. */
    record RandomNoise(int layer, long seed, Positions positions) implements Manipulation {
        public RandomNoise {
            requireLayer(layer, 0);
        }

        @Override
        public String kind() { return "random"; }
    }

    /** shuffle(k): each previous token's layer-k input is permuted by a permutation keyed by (seed, k, position). */
    record Shuffle(int layer, long seed, Positions positions) implements Manipulation {
        public Shuffle {
            requireLayer(layer, 0);
        }

        @Override
        public String kind() { return "shuffle"; }
    }

    /** freeze(k), k >= 1: for every layer l >= k previous tokens' input is their input of layer k-1. */
    record Freeze(int layer, Positions positions) implements Manipulation {
        public Freeze {
            requireLayer(layer, 1);
        }

        @Override
        public String kind() { return "freeze"; }
    }

    /** inject(k, p, v): the layer-k input at position p becomes v (the paper's switch). */
    record Inject(int layer, int position, float[] vector) implements Manipulation {
        public Inject {
            requireLayer(layer, 0);
            if (position < 0) {
                throw new IllegalArgumentException("inject position must be >= 0, got " + position);
            }
            vector = vector.clone();
        }

        @Override
        public float[] vector() { return vector.clone(); }

        @Override
        public String kind() { return "inject"; }
    }

    /** skipAttention(k): for every layer l >= k the attention sub-block is skipped for all tokens. */
    record SkipAttention(int layer) implements Manipulation {
        public SkipAttention {
            requireLayer(layer, 0);
        }

        @Override
        public String kind() { return "skip-attention"; }
    }

    static Manipulation none() { return new None(); }

    static Manipulation random(int k, long seed) { return new RandomNoise(k, seed, Positions.ALL_PREVIOUS); }

    static Manipulation shuffle(int k, long seed) { return new Shuffle(k, seed, Positions.ALL_PREVIOUS); }

    static Manipulation freeze(int k) { return new Freeze(k, Positions.ALL_PREVIOUS); }

    static Manipulation inject(int k, int position, float[] vector) { return new Inject(k, position, vector); }

    static Manipulation skipAttention(int k) { return new SkipAttention(k); }

    private static void requireLayer(int layer, int min) {
        if (layer < min) {
            throw new IllegalArgumentException("manipulation layer must be >= " + min + ", got " + layer);
        }
    }
}
