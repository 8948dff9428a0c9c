package attendfirst.plan;

import attendfirst.model.ModelConfig;

/**
 * Device memory of a run, from the configuration alone: what the model's manager and the sweep engine hold.
 * Counted in bytes of array storage (what PyTorch allocates), in the compute dtype:
 * <ul>
 *   <li>weights: every matrix once (a tied output is the embedding), norms in the compute dtype, Gemma's in
 *       float32; the rotary tables (2 x maxPositions x headSize per distinct base);</li>
 *   <li>the clean trace of a prompt: the input of every layer and the last layer's output, (L + 1) x T x dim,
 *       and its KV cache;</li>
 *   <li>per manipulated row of a batch: its KV cache, held twice while the engine concatenates the prefill
 *       groups ({@code KvCache.concat}), plus the working set of one layer call: queries/keys/values, the
 *       gated MLP's two halves and product, the attention scores (and their float32 softmax copy in half
 *       precision), and a float32 logits row.</li>
 * </ul>
 * The loader's float32 staging copy of the largest matrix is transient and before any run
 * ({@link #loadPeakBytes}).
 *
 * @param config the model's configuration
 * @param bytes  bytes per value of the compute dtype (4 float32, 2 float16, 8 float64)
 */
public record MemoryModel(ModelConfig config, int bytes) {
    public MemoryModel {
        if (bytes != 2 && bytes != 4 && bytes != 8) {
            throw new IllegalArgumentException("bytes per value must be 2, 4 or 8, got " + bytes);
        }
    }

    /** Parameters of the matrices of all layers (what every position's forward multiplies by). */
    public long layerParameters() {
        long dim = config.dim();
        long perLayer = dim * (config.qDim() + 2L * config.kvDim()) + (long) config.qDim() * dim
                + 3L * dim * config.hiddenDim();
        return perLayer * config.nLayers();
    }

    /** Embedding (and untied output) parameters. */
    public long vocabParameters() {
        return (long) config.vocabSize() * config.dim() * (config.tiedEmbeddings() ? 1 : 2);
    }

    public long weightBytes() {
        long norms = (long) config.dim() * (config.sandwichNorms() ? 4 : 2) * config.nLayers() + config.dim()
                + (config.qkNorm() ? 2L * config.headSize() * config.nLayers() : 0);
        int normBytes = config.architecture().equals("gemma3") ? 4 : bytes;
        int tables = config.ropeThetaLocal() != config.ropeTheta() ? 2 : 1;
        long rope = 2L * tables * config.maxPositions() * config.headSize() * bytes
                + (long) config.headSize() * config.headSize() * bytes;
        return (layerParameters() + vocabParameters()) * bytes + norms * normBytes + rope;
    }

    /** Weights plus the loader's float32 staging copy of the largest matrix (and its converted copy). */
    public long loadPeakBytes() {
        long largest = Math.max((long) config.vocabSize() * config.dim(),
                (long) config.dim() * (config.qDim() + 2L * config.kvDim()));
        largest = Math.max(largest, 2L * config.dim() * config.hiddenDim());
        return weightBytes() + largest * 4;
    }

    /** Keys and values of every layer for one sequence of {@code positions}. */
    public long kvBytesPerRow(int positions) {
        return 2L * config.nLayers() * positions * config.kvDim() * bytes;
    }

    /** The clean pass of one prompt kept for a whole example: layer inputs and KV cache. */
    public long cleanTraceBytes(int promptTokens) {
        return (config.nLayers() + 1L) * promptTokens * config.dim() * bytes + kvBytesPerRow(promptTokens);
    }

    /**
     * The arrays one {@code DecoderModel.layer} call holds for one row of {@code t} positions attending to
     * {@code length}: all live until the call's scope ends. Counted per handle, views included (slices, reshapes,
     * transposes), so this errs high on real storage. Scores: 4 handles of nHeads x t x length (product, scale,
     * mask, softmax), 16 bytes per element in float32 and, with the float32 softmax round trip, in float16 too.
     */
    public long layerCallBytes(int t, int length) {
        long d = config.dim();
        long q = config.qDim();
        long kv = config.kvDim();
        long values = 10 * t * d + 14 * t * q + 13 * t * kv + 3 * length * kv + 7L * t * config.hiddenDim();
        long scoreBytes = (long) config.nHeads() * t * length * (bytes == 8 ? 32 : 16);
        return values * bytes + scoreBytes;
    }

    /**
     * What a row keeps until its run ends, besides its cache: the engine's manager holds every layer's rewritten
     * input and output of the prefill (about 4 x t x dim per layer with the noise of random/shuffle) and, per
     * decoding step, each layer's two-position input and output (about 8 x dim per layer).
     */
    public long retainedBytesPerRow(int promptTokens, int newTokens) {
        long d = config.dim();
        return ((long) config.nLayers() * (4L * promptTokens + 8L * newTokens) * d + config.vocabSize()) * bytes;
    }

    /**
     * Peak of one engine run: {@code rows} rows of a {@code promptTokens}-token prompt generating {@code newTokens},
     * prefilled {@code groupRows} at a time. Every row's cache and retained arrays are held to the end; on top,
     * the larger of a prefill group's layer call and the concatenation of the groups' caches (held twice).
     */
    public long peakBytes(int rows, int groupRows, int promptTokens, int newTokens) {
        int positions = promptTokens + newTokens;
        long held = weightBytes() + cleanTraceBytes(promptTokens)
                + rows * (kvBytesPerRow(positions) + retainedBytesPerRow(promptTokens, newTokens));
        long transient_ = Math.max(rows * kvBytesPerRow(positions),
                Math.min(rows, groupRows) * layerCallBytes(promptTokens, promptTokens));
        return Math.max(loadPeakBytes(), held + transient_);
    }

    /** The engine's default prefill group ({@code SweepPlan.FULL.batchRows()}), used by {@link #maxRows}. */
    public static final int DEFAULT_GROUP_ROWS = 6;

    /**
     * The most rows one engine run may hold within {@code budgetBytes} at {@code positions} positions (a prompt
     * of that length, prefilled {@link #DEFAULT_GROUP_ROWS} rows at a time); 0 when not even one fits.
     */
    public int maxRows(long budgetBytes, int positions) {
        return maxRows(budgetBytes, positions, 0, DEFAULT_GROUP_ROWS);
    }

    /** As {@link #maxRows(long, int)} for a prompt of {@code promptTokens} generating {@code newTokens}. */
    public int maxRows(long budgetBytes, int promptTokens, int newTokens, int groupRows) {
        if (peakBytes(1, groupRows, promptTokens, newTokens) > budgetBytes) {
            return 0;
        }
        int lo = 1;
        int hi = 1;
        while (hi < (1 << 24) && peakBytes(hi * 2, groupRows, promptTokens, newTokens) <= budgetBytes) {
            hi *= 2;
        }
        hi *= 2;
        while (lo + 1 < hi) {
            int mid = (lo + hi) >>> 1;
            if (peakBytes(mid, groupRows, promptTokens, newTokens) <= budgetBytes) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
