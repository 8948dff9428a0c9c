package attendfirst.intervention;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One of the paper's manipulations of the residual stream (see shared/paper/README.md), acting on the
 * input of decoder layer {@code k} ("layer k" = HF's {@code hidden_states[k]}). Previous tokens are all
 * positions but the newest one; {@link Positions} may narrow them further.
 *
 * <p>Each manipulation carries its own behaviour: at which layers it rewrites a layer input
 * ({@link #rewritesAt}), what the new value of one position is ({@link #rewrite}), whether it skips
 * attention at a layer, and (through its {@link Kind}) what a KV-cached generation step must redo for
 * the token that stops being the newest. Engines ask; they never test the type.
 */
public sealed interface Manipulation {

    /** The layer k whose input is touched first. */
    int layer();

    /** What kind of manipulation this is; {@link Kind#label()} is the name used in reports and catalogues. */
    Kind type();

    /** Short name used in reports and sweep keys: none, random, shuffle, freeze, inject, skip-attention. */
    default String kind() { return type().label(); }

    /** Whether this manipulation rewrites (some positions of) the input of layer {@code l}. */
    default boolean rewritesAt(int l) { return false; }

    /** Whether the attention sub-block of layer {@code l} is skipped (for every position). */
    default boolean skipsAttentionAt(int l) { return false; }

    /**
     * Whether position {@code pos} is one this manipulation rewrites when the newest position is {@code newest}
     * (at the layers where it rewrites at all).
     */
    default boolean touches(int pos, int newest) { return false; }

    /** The first position whose layer inputs can differ from the clean run's (0 unless a single position is hit). */
    default int firstChangedPosition() { return 0; }

    /**
     * The new layer-l input of position {@code pos} when the newest position is {@code newest}, or null when
     * this position keeps {@code h}. Called only at layers where {@link #rewritesAt} holds.
     *
     * @param h      (dim) the input of layer l at pos, as the run computed it
     * @param frozen (dim) the clean-so-far input of layer k - 1 at pos (only freeze reads it), or null
     */
    default double[] rewrite(int l, int pos, int newest, double[] h, double[] frozen) { return null; }

    /**
     * What a KV-cached generation step must redo for the token that has just stopped being the newest: a
     * full recomputation (the paper's way) treats it as a previous token from now on.
     */
    enum Demotion {
        /** Nothing: the manipulation does not act on previous tokens differently from the newest one. */
        NONE,
        /** From layer k on it is rewritten (at k) and then develops on its own: recompute it at every layer >= k. */
        RECOMPUTE,
        /** From layer k on its input is its layer k-1 input: only its keys/values at layers >= k change. */
        FROZEN
    }

    /** What the prompt's previous tokens need from layer k on, which decides the columns a prefill computes. */
    enum PreviousTokens {
        /** They develop from a changed input: every column from the first changed one goes through the layers. */
        DEVELOP,
        /** Their input is fixed (freeze): they only give keys/values; only the newest column goes through. */
        FIXED,
        /** Nobody reads them from k on (attention is skipped for all tokens): only the newest column runs. */
        UNREAD
    }

    /** The manipulation kinds, the one place where a name becomes a manipulation. */
    enum Kind {
        NONE("none", 0, Demotion.NONE, PreviousTokens.DEVELOP, false),
        RANDOM("random", 0, Demotion.RECOMPUTE, PreviousTokens.DEVELOP, true),
        SHUFFLE("shuffle", 0, Demotion.RECOMPUTE, PreviousTokens.DEVELOP, true),
        FREEZE("freeze", 1, Demotion.FROZEN, PreviousTokens.FIXED, false),
        INJECT("inject", 0, Demotion.NONE, PreviousTokens.DEVELOP, false),
        SKIP_ATTENTION("skip-attention", 0, Demotion.NONE, PreviousTokens.UNREAD, false);

        private final String label;
        private final int minLayer;
        private final Demotion demotion;
        private final PreviousTokens previous;
        private final boolean seeded;

        Kind(String label, int minLayer, Demotion demotion, PreviousTokens previous, boolean seeded) {
            this.label = label;
            this.minLayer = minLayer;
            this.demotion = demotion;
            this.previous = previous;
            this.seeded = seeded;
        }

        /** What previous tokens need from layer k on (see {@link PreviousTokens}). */
        public PreviousTokens previousTokens() { return previous; }

        public String label() { return label; }

        /** The smallest k the manipulation is defined for (freeze reads layer k - 1). */
        public int minLayer() { return minLayer; }

        public Demotion demotion() { return demotion; }

        /** Whether runs differ by seed (random draws): only these are swept over several seeds. */
        public boolean seeded() { return seeded; }

        /**
         * The kind called {@code name}: the report labels, plus the spellings of the HF-hooks goldens
         * ({@code skipAttention}, {@code skip_attention}).
         */
        public static Kind named(String name) {
            String key = name.trim().replace('_', '-').replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.label.equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown manipulation '" + name + "', expected one of "
                    + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")));
        }

        /**
         * This kind at layer k on all previous tokens, its noise keyed by (seed, example); the seed and example
         * key are ignored by kinds that draw nothing. inject needs a position and a vector: use
         * {@link Manipulation#inject}.
         */
        public Manipulation at(int k, long seed, long example) {
            return switch (this) {
                case NONE -> new None();
                case RANDOM -> new RandomNoise(k, seed, example, Positions.ALL_PREVIOUS);
                case SHUFFLE -> new Shuffle(k, seed, example, Positions.ALL_PREVIOUS);
                case FREEZE -> new Freeze(k, Positions.ALL_PREVIOUS);
                case SKIP_ATTENTION -> new SkipAttention(k);
                case INJECT -> throw new IllegalArgumentException("inject needs a position and a vector: "
                        + "Manipulation.inject(k, position, vector)");
            };
        }
    }

    /** No manipulation: the clean run. */
    record None() implements Manipulation {
        @Override
        public int layer() { return Integer.MAX_VALUE; }

        @Override
        public Kind type() { return Kind.NONE; }
    }

    /**
     * random(k): each previous token's layer-k input becomes standard normal noise rescaled to its L2 norm. The
     * noise is keyed by (seed, example, k, position), so examples and seeds average it out, and it does not
     * depend on batching, order, threads or the KV cache.
     */
    record RandomNoise(int layer, long seed, long example, Positions positions) implements Redraw {
        public RandomNoise {
            requireLayer(layer, Kind.RANDOM);
        }

        @Override
        public Kind type() { return Kind.RANDOM; }

        @Override
        public double[] redraw(double[] h, int pos) { return widen(Noise.randomLike(h, seed, example, layer, pos)); }
    }

    /** shuffle(k): each previous token's layer-k input is permuted by a permutation keyed by (seed, example, k, position). */
    record Shuffle(int layer, long seed, long example, Positions positions) implements Redraw {
        public Shuffle {
            requireLayer(layer, Kind.SHUFFLE);
        }

        @Override
        public Kind type() { return Kind.SHUFFLE; }

        @Override
        public double[] redraw(double[] h, int pos) { return Noise.shuffled(h, seed, example, layer, pos); }
    }

    /**
     * random and shuffle: at layer k each covered previous token's input is redrawn, keyed by (seed, example, k,
     * position), the same whatever the batching, order, threads or KV cache.
     */
    sealed interface Redraw extends Manipulation permits RandomNoise, Shuffle {
        Positions positions();

        /** The new layer-k input of the covered position {@code pos}, whose input was {@code h}. */
        double[] redraw(double[] h, int pos);

        @Override
        default boolean touches(int pos, int newest) { return positions().covers(pos, newest); }

        @Override
        default boolean rewritesAt(int l) { return l == layer(); }

        @Override
        default double[] rewrite(int l, int pos, int newest, double[] h, double[] frozen) {
            return positions().covers(pos, newest) ? redraw(h, pos) : null;
        }
    }

    /** freeze(k), k >= 1: for every layer l >= k previous tokens' input is their input of layer k-1. */
    record Freeze(int layer, Positions positions) implements Manipulation {
        public Freeze {
            requireLayer(layer, Kind.FREEZE);
        }

        @Override
        public Kind type() { return Kind.FREEZE; }

        @Override
        public boolean touches(int pos, int newest) { return positions.covers(pos, newest); }

        @Override
        public boolean rewritesAt(int l) { return l >= layer; }

        @Override
        public double[] rewrite(int l, int pos, int newest, double[] h, double[] frozen) {
            return positions.covers(pos, newest) ? frozen.clone() : null;
        }
    }

    /** inject(k, p, v): the layer-k input at position p becomes v (the paper's switch). */
    record Inject(int layer, int position, float[] vector) implements Manipulation {
        public Inject {
            requireLayer(layer, Kind.INJECT);
            if (position < 0) {
                throw new IllegalArgumentException("inject position must be >= 0, got " + position);
            }
            vector = vector.clone();
        }

        @Override
        public float[] vector() { return vector.clone(); }

        @Override
        public Kind type() { return Kind.INJECT; }

        @Override
        public boolean rewritesAt(int l) { return l == layer; }

        @Override
        public boolean touches(int pos, int newest) { return pos == position && pos < newest; }

        @Override
        public int firstChangedPosition() { return position; }

        @Override
        public double[] rewrite(int l, int pos, int newest, double[] h, double[] frozen) {
            if (pos != position) {
                return null;
            }
            if (vector.length != h.length) {
                throw new IllegalArgumentException("inject vector has " + vector.length + " values, the model's dim is "
                        + h.length);
            }
            return widen(vector);
        }
    }

    /** skipAttention(k): for every layer l >= k the attention sub-block is skipped for all tokens. */
    record SkipAttention(int layer) implements Manipulation {
        public SkipAttention {
            requireLayer(layer, Kind.SKIP_ATTENTION);
        }

        @Override
        public Kind type() { return Kind.SKIP_ATTENTION; }

        @Override
        public boolean skipsAttentionAt(int l) { return l >= layer; }
    }

    static Manipulation none() { return new None(); }

    /** random(k) keyed by example 0: for single-prompt experiments and tests. */
    static Manipulation random(int k, long seed) { return new RandomNoise(k, seed, 0L, Positions.ALL_PREVIOUS); }

    /** shuffle(k) keyed by example 0. */
    static Manipulation shuffle(int k, long seed) { return new Shuffle(k, seed, 0L, Positions.ALL_PREVIOUS); }

    static Manipulation freeze(int k) { return new Freeze(k, Positions.ALL_PREVIOUS); }

    static Manipulation inject(int k, int position, float[] vector) { return new Inject(k, position, vector); }

    static Manipulation skipAttention(int k) { return new SkipAttention(k); }

    private static void requireLayer(int layer, Kind kind) {
        if (layer < kind.minLayer()) {
            throw new IllegalArgumentException(kind.label() + " layer must be >= " + kind.minLayer() + ", got " + layer);
        }
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
