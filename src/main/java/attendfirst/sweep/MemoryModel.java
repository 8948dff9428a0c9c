package attendfirst.sweep;

import attendfirst.model.ModelConfig;

/**
 * Device memory of a run, from the configuration alone: what the model's manager and the sweep engine hold.
 * Counted in bytes of array storage (what PyTorch allocates), in the compute dtype:
 * <ul>
 *   <li>weights: every matrix once (a tied output is the embedding), norms in the compute dtype, Gemma's in
 *       float32; the rotary tables (2 x maxPositions x headSize per distinct base);</li>
 *   <li>the clean traces of the prompts in flight: each prompt's input of every layer and the last layer's
 *       output, (L + 1) x T x dim, and its KV cache;</li>
 *   <li>the row batches running side by side ({@link #batchBytes}): each holds its KV cache (rows x columns) and
 *       newest-column inputs, plus one layer call's working set for all its rows during the prefill (the
 *       attention scores and their float32 softmax copy in half precision dominate) or a decoding step.</li>
 * </ul>
 * The loader's float32 staging copy of the largest matrix is transient and before any run
 * ({@link #loadPeakBytes}).
 *
 * With bfloat16 products the projection matrices (and a bfloat16 copy of a tied output head) are held in 2 bytes,
 * the embedding table and everything else in the compute dtype.
 *
 * @param config       the model's configuration
 * @param bytes        bytes per value of the compute dtype (4 float32, 2 float16, 8 float64)
 * @param productBytes bytes per value of the projection weights (2 with bfloat16 products, else {@code bytes})
 */
public record MemoryModel(ModelConfig config, int bytes, int productBytes) {
    public MemoryModel {
        if (bytes != 2 && bytes != 4 && bytes != 8) {
            throw new IllegalArgumentException("bytes per value must be 2, 4 or 8, got " + bytes);
        }
        if (productBytes != 2 && productBytes != bytes) {
            throw new IllegalArgumentException("product weights take 2 bytes (bfloat16) or the compute dtype's "
                    + bytes + ", got " + productBytes);
        }
    }

    /** Products in the compute dtype. */
    public MemoryModel(ModelConfig config, int bytes) {
        this(config, bytes, bytes);
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
        long table = (long) config.vocabSize() * config.dim();
        // the embedding in the compute dtype; the output head in the products' dtype (a tied one as its own copy
        // only when that differs from the table's)
        long vocab = table * bytes + (config.tiedEmbeddings() ? (productBytes == bytes ? 0 : table * productBytes)
                : table * productBytes);
        return layerParameters() * productBytes + vocab + norms * normBytes + rope;
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
     * {@code length}: all live until the call's scope ends. Counted as storage (views share it): per position
     * 10 x dim (norms, residual adds, projections), 8 x qDim (queries of the qkv product, rotation, the grouped
     * reshape, the attention output and its head merge), 6 x kvDim (keys/values of the product and rotation),
     * 5 x hidden (gate/up product, activation, gated product), and the transposed keys 3 x length x kvDim.
     * Scores: 4 arrays of nHeads x t x length (product, scale, mask, softmax), 16 bytes per element in float32
     * and, with the float32 softmax round trip, in float16 too.
     */
    public long layerCallBytes(int t, int length) {
        long d = config.dim();
        long q = config.qDim();
        long kv = config.kvDim();
        long values = 10 * t * d + 8 * t * q + 6 * t * kv + 3 * length * kv + 5L * t * config.hiddenDim();
        long scoreBytes = (long) config.nHeads() * t * length * (bytes == 8 ? 32 : 16);
        return values * bytes + scoreBytes;
    }

    /**
     * The additive masks of one call's {@code DecoderModel.Columns} for one row: (group x t, length) per query head
     * group, made once per call ({@code DecoderModel.Columns}) and held through all layers; twice when the model has
     * sliding-window layers.
     */
    public long maskBytes(int t, int length) {
        boolean sliding = false;
        for (int l = 0; l < config.nLayers(); l++) {
            sliding |= config.isSliding(l);
        }
        return (sliding ? 2L : 1L) * config.kvGroup() * t * length * bytes;
    }

    /**
     * Peak of one row batch of the engine ({@code SweepEngine}: {@code Prefill}, then {@code Decode}), besides the
     * weights and the clean traces: {@code rows} rows of {@code prompts} distinct prompts, on {@code width} prompt
     * columns plus {@code newTokens} generated ones. The batch holds its KV cache (rows x columns) and each row's
     * newest-column layer inputs (L x dim) throughout; on top, the largest of its phases:
     * <ul>
     *   <li>building the cache ({@code KvCache.rowsOf}): one padded copy of each prompt's clean cache;</li>
     *   <li>the prefill: each prompt's padded clean layer inputs (at most L + 1 layers: the newest-column inputs
     *       below the smallest k and the first recomputed layer's), the batch's input, its rewrite and the rows
     *       gathered from the clean traces (3 x rows x width x dim), the newest inputs twice (parts and their
     *       stack), the call's masks and one layer call's working set for every row and the first logits;</li>
     *   <li>a decoding step: one layer call on two columns attending to all of them, the newest inputs twice (old
     *       and restacked), the logits; when finished rows leave, one layer's kept cache copy.</li>
     * </ul>
     * Nothing a row computed outlives its batch on the device: results are copied to the host.
     */
    public long batchBytes(int rows, int width, int newTokens, int prompts) {
        int columns = width + newTokens;
        long d = config.dim();
        long cache = rows * kvBytesPerRow(columns);
        long newest = rows * (long) config.nLayers() * d * bytes;
        long logits = rows * (long) config.vocabSize() * (bytes + 4L);
        long build = (long) prompts * kvBytesPerRow(columns);
        long prefill = (long) prompts * (config.nLayers() + 1L) * width * d * bytes + 2 * newest
                + 3L * rows * width * d * bytes + rows * (layerCallBytes(width, width) + maskBytes(width, width))
                + logits;
        long decode = 2 * newest + rows * (layerCallBytes(2, columns) + 3 * maskBytes(2, columns)) + logits
                + cache / config.nLayers();
        return cache + newest + Math.max(build, Math.max(prefill, decode));
    }

    /**
     * Peak of a run: the weights, {@code promptsInFlight} clean traces of {@code width}-token prompts (the
     * examples whose runs go to the engine together) and {@code workers} row batches side by side
     * ({@link #batchBytes}), each of {@code rows} rows of at most {@code promptsInFlight} prompts.
     */
    public long peakBytes(int rows, int width, int newTokens, int promptsInFlight, int workers) {
        return Math.max(loadPeakBytes(), weightBytes() + workingBytes(rows, width, newTokens, promptsInFlight, workers));
    }

    /** {@link #peakBytes(int, int, int, int, int)} of one prompt's rows in one batch. */
    public long peakBytes(int rows, int width, int newTokens) {
        return peakBytes(rows, width, newTokens, 1, 1);
    }

    /** What a run holds besides the weights: clean traces and row batches. */
    public long workingBytes(int rows, int width, int newTokens, int promptsInFlight, int workers) {
        return promptsInFlight * cleanTraceBytes(width)
                + workers * batchBytes(rows, width, newTokens, Math.min(rows, promptsInFlight));
    }

    /**
     * The most rows one batch may hold when the clean traces and {@code workers} batches of {@code width} +
     * {@code newTokens} columns must fit in {@code workingBytes} (memory besides the weights); 0 when not even
     * one row fits.
     */
    public int maxRowsWithin(long workingBytes, int width, int newTokens, int promptsInFlight, int workers) {
        if (workingBytes(1, width, newTokens, promptsInFlight, workers) > workingBytes) {
            return 0;
        }
        int lo = 1;
        int hi = 2;
        while (hi < (1 << 24) && workingBytes(hi, width, newTokens, promptsInFlight, workers) <= workingBytes) {
            lo = hi;
            hi *= 2;
        }
        while (lo + 1 < hi) {
            int mid = (lo + hi) >>> 1;
            if (workingBytes(mid, width, newTokens, promptsInFlight, workers) <= workingBytes) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** As {@link #maxRowsWithin} on a device of {@code deviceBytes} that also holds the weights. */
    public int maxRows(long deviceBytes, int width, int newTokens, int promptsInFlight, int workers) {
        return maxRowsWithin(deviceBytes - weightBytes(), width, newTokens, promptsInFlight, workers);
    }
}
