package attendfirst.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.fixture.ProductDtype;

/**
 * The forward pass of a Llama-family decoder (Llama 2/3.x, Mistral, Yi, Llemma, SmolLM2, Qwen2/2.5, Gemma 3),
 * exposed one decoder layer at a time so that callers can read and rewrite the residual stream at
 * the input of any layer: the place where the paper's manipulations act.
 *
 * <p>All tensors carry a batch dimension B and every call covers a contiguous run of cache columns
 * {@code [start, start + n)} whose keys and values are written into a {@link KvCache}; earlier columns are
 * read from the cache. What the layers of one call share (rotary rows, masks, which rows skip attention) is
 * a {@link Columns}, built once per call; rows of different lengths are left-padded (see {@link Columns}).
 *
 * <p>Gemma 3 is a configuration of this same path (checked against transformers on tiny-gemma3 and Gemma 3
 * 270M); its differences from Llama, each a commented switch below or a load-time conversion:
 * <ul>
 *   <li>embedding times sqrt(dim), the scalar rounded to the compute dtype ({@link #embed});</li>
 *   <li>RMSNorm multiplies by {@code 1 + w}: the loader stores the effective multiplier, in float32, and
 *       {@link #rmsNorm} applies it before rounding to the compute dtype;</li>
 *   <li>four norms per layer: before and after attention, before and after the MLP ({@code sandwichNorms});</li>
 *   <li>RMSNorm over each query and key head before RoPE ({@code qkNorm});</li>
 *   <li>q.k scaled by query_pre_attn_scalar^-0.5 ({@code queryScale}), GeGLU with tanh GELU;</li>
 *   <li>sliding-window layers (query i sees keys j with i - window < j <= i) with their own RoPE base,
 *       interleaved with global layers ({@code slidingLayers}, {@link #mask});</li>
 *   <li>tied output; optional final logit soft-capping ({@link #logits}). Attention soft-capping does not
 *       exist here: transformers ignores it for Gemma 3.</li>
 * </ul>
 *
 * <p>Products: every projection (q k v, o, gate/up, down, output head) multiplies through a {@link Projection},
 * in the compute dtype or, with bfloat16 products, in bfloat16 with float32 in and out; everything else here
 * (norms, rotary positions, q.k and the attention-weighted sum, softmax, the residual stream) stays in the
 * compute dtype.
 *
 * <p>Qwen2 (checked against transformers on a tiny qwen2 replica and Qwen2.5-Coder 0.5B/1.5B) is Llama plus a
 * bias added to the fused q/k/v product ({@code qkvBias}, {@link #attention}); its output is tied or not as the
 * checkpoint says. Llama 3.x's frequency-dependent RoPE scaling only changes the inverse frequencies of the
 * rotary tables ({@code ropeScaling}, {@link #inverseFrequencies}).
 *
 * <p>Memory: the model's own {@link NDManager} owns the weights and the rotary tables. Every method
 * runs inside an {@link NDScope} and only its result leaves it, attached to the manager of the input.
 * A {@link Columns} lives in the caller's scope: nothing per call is kept here.
 */
public final class DecoderModel implements AutoCloseable {
    private final ModelConfig config;
    private final ModelWeights weights;
    private final NDManager manager;
    private final DataType dtype;
    private final NDArray cosGlobal; // (maxPositions, headSize) rotate-half layout: both halves hold cos(pos * invFreq)
    private final NDArray sinGlobal; // (maxPositions, headSize)
    private final NDArray cosLocal;  // (maxPositions, headSize) tables of sliding-window layers (own base in Gemma 3)
    private final NDArray sinLocal;  // (maxPositions, headSize)
    private final NDArray rotateHalf; // (headSize, headSize) signed permutation: x @ R = rotate_half(x)
    private final NDArray embedScale; // () Gemma's sqrt(dim) in the compute dtype, null when the scale is 1

    public DecoderModel(ModelConfig config, ModelWeights weights, NDManager manager, DataType dtype) {
        this.config = config;
        this.weights = weights;
        this.manager = manager;
        this.dtype = dtype;
        NDArray[] global = ropeTables(config.ropeTheta());
        cosGlobal = global[0];
        sinGlobal = global[1];
        if (config.ropeThetaLocal() != config.ropeTheta()) {
            NDArray[] local = ropeTables(config.ropeThetaLocal());
            cosLocal = local[0];
            sinLocal = local[1];
        } else {
            cosLocal = cosGlobal;
            sinLocal = sinGlobal;
        }
        rotateHalf = rotateHalfMatrix();
        // Gemma multiplies the embedding by sqrt(dim): HF computes it in float32 and rounds it to the model
        // dtype before multiplying (25.25 instead of 25.298 in bfloat16), so the scalar is rounded here too
        embedScale = config.embeddingScale() == 1f ? null
                : manager.create(config.embeddingScale()).toType(dtype, false);
    }

    public ModelConfig config() { return config; }

    public NDManager manager() { return manager; }

    public Device device() { return manager.getDevice(); }

    public DataType dtype() { return dtype; }

    public ModelWeights weights() { return weights; }

    /** The dtype the projections multiply in: float32 (the compute dtype) or bfloat16 ({@link Projection}). */
    public ProductDtype products() { return weights.outputT().products(); }

    /** A new cache for {@code batch} sequences of up to {@code capacity} positions. */
    public KvCache newCache(NDManager owner, int batch, int capacity) {
        if (capacity > config.maxPositions()) {
            throw new IllegalArgumentException("sequence capacity " + capacity + " exceeds the model's "
                    + config.maxPositions() + " positions");
        }
        return new KvCache(owner, config, batch, capacity, dtype);
    }

    /** Token ids (B, n) -> layer-0 input (B, n, dim), attached to the manager of {@code tokens}. */
    public NDArray embed(NDArray tokens) {
        try (NDScope ignored = new NDScope()) {
            NDArray h = weights.tokenEmbedding().get(tokens.toType(DataType.INT64, false));
            if (embedScale != null) {
                h = h.mul(embedScale);   // Gemma: embedding * sqrt(dim)
            }
            return leave(h, tokens.getManager());
        }
    }

    /**
     * The columns one call computes and what every layer of it shares: built once per call by {@link #columns}
     * inside the caller's scope (closing the scope frees it), then passed to each {@link #layer}.
     *
     * <p>A call covers cache columns [start, start + n) of every batch row. Rows may hold prompts of different
     * lengths, left-padded so that they end on the same column: row b's position at column c is c - pad[b],
     * and its keys at columns below pad[b] are invisible.
     *
     * @param start          first column of this call
     * @param n              columns in this call
     * @param outFrom        outputs are computed for columns outFrom..n-1 of the call only (earlier columns only
     *                       contribute keys/values)
     * @param cos            (B, n, 1, hs) rotary rows of each row's positions (global layers); sin likewise
     * @param cosLocal       (B, n, 1, hs) the same with the sliding layers' base (the global arrays when equal)
     * @param mask           (B, 1, group * nq, start + n) additive mask of global layers, nq = n - outFrom
     * @param maskLocal      (B, 1, group * nq, start + n) the same within the sliding window (the global one when
     *                       the model has no sliding layers)
     * @param attentionKept  (L, B, 1, 1) 1 where a row keeps layer l's attention, 0 where it is skipped; null when
     *                       no row skips
     */
    public record Columns(NDManager manager, int start, int n, int outFrom, NDArray cos, NDArray sin,
                          NDArray cosLocal, NDArray sinLocal, NDArray mask, NDArray maskLocal,
                          NDArray attentionKept) implements AutoCloseable {
        public int length() { return start + n; }

        public int queries() { return n - outFrom; }

        /** Frees these columns' arrays (they live in their own sub-manager). */
        @Override
        public void close() { manager.close(); }
    }

    /** {@link #columns(int, int, int, int, int[], int[])} for unpadded rows that all keep their attention. */
    public Columns columns(int batch, int start, int n) {
        return columns(batch, start, n, 0, null, null);
    }

    /**
     * The shared rotary rows and masks of one call (see {@link Columns}), in a sub-manager of the model's that
     * the caller closes with them.
     *
     * @param pad               (B) left padding of each row, or null for none
     * @param skipAttentionFrom (B) first layer whose attention a row skips (>= L: never), or null when no row skips
     */
    public Columns columns(int batch, int start, int n, int outFrom, int[] pad, int[] skipAttentionFrom) {
        NDManager owner = manager.newSubManager();
        try (NDScope ignored = new NDScope()) {
            int hs = config.headSize();
            long[] positions = new long[batch * n];   // (B, n)
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    positions[b * n + i] = Math.max(start + i - (pad == null ? 0 : pad[b]), 0); // pad columns: any position
                }
            }
            NDArray at = manager.create(positions, new Shape(batch, n));
            NDArray cos = cosGlobal.get(at).reshape(batch, n, 1, hs);
            NDArray sin = sinGlobal.get(at).reshape(batch, n, 1, hs);
            NDArray cosL = cosLocal == cosGlobal ? cos : cosLocal.get(at).reshape(batch, n, 1, hs);
            NDArray sinL = sinLocal == sinGlobal ? sin : sinLocal.get(at).reshape(batch, n, 1, hs);
            NDArray mask = mask(batch, start, n, outFrom, pad, false);
            boolean anySliding = false;
            for (int l = 0; l < config.nLayers(); l++) {
                anySliding |= config.isSliding(l);
            }
            NDArray maskL = anySliding ? mask(batch, start, n, outFrom, pad, true) : mask;
            NDArray kept = null;
            if (skipAttentionFrom != null) {
                int layers = config.nLayers();
                float[] keep = new float[layers * batch];   // (L, B)
                for (int l = 0; l < layers; l++) {
                    for (int b = 0; b < batch; b++) {
                        keep[l * batch + b] = l >= skipAttentionFrom[b] ? 0f : 1f;
                    }
                }
                kept = manager.create(keep, new Shape(layers, batch, 1, 1)).toType(dtype, false);
            }
            NDArray[] made = {cos, sin, cosL, sinL, mask, maskL, kept};
            for (NDArray a : made) {
                if (a != null) {
                    leave(a, owner);
                }
            }
            return new Columns(owner, start, n, outFrom, cos, sin, cosL, sinL, mask, maskL, kept);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * Decoder layer {@code l} for the columns of {@code columns} of every batch row: the attention sub-block, then
     * the MLP sub-block, each added to the residual stream.
     *
     * @param x     (B, n, dim) inputs of layer l at those columns
     * @param cache receives the keys/values of these columns at layer l; holds those of [0, start)
     * @return (B, n - outFrom, dim) the inputs of layer l + 1 for columns outFrom..n-1
     */
    public NDArray layer(int l, NDArray x, KvCache cache, Columns columns) {
        ModelWeights.Layer w = weights.layers().get(l);
        try (NDScope ignored = new NDScope()) {
            // h = x + attention(norm(x)) for the columns whose output is wanted
            NDArray h = columns.outFrom() > 0 ? x.get(":, {}:", columns.outFrom()) : x;   // (B, nq, dim)
            NDArray att = attention(l, w, x, cache, columns);                           // (B, nq, dim)
            if (columns.attentionKept() != null) {
                att = att.mul(columns.attentionKept().get(l));   // skip-attention: the whole sub-block is bypassed
            }
            h = h.add(att);
            // out = h + mlp(norm(h))
            return leave(h.add(mlp(w, h)), x.getManager());
        }
    }

    /**
     * The attention sub-block without its residual: norm, q k v, rotary positions, cached keys/values,
     * softmax(q k^T * scale + mask) v, output projection (and Gemma's post-attention norm).
     * x (B, n, dim) -> (B, nq, dim).
     */
    private NDArray attention(int l, ModelWeights.Layer w, NDArray x, KvCache cache, Columns columns) {
        long b = x.getShape().get(0);
        int n = columns.n();
        int hs = config.headSize();
        int qDim = config.qDim();
        int kvDim = config.kvDim();
        boolean sliding = config.isSliding(l);
        NDArray[] cosSin = sliding ? new NDArray[] {columns.cosLocal(), columns.sinLocal()}
                : new NDArray[] {columns.cos(), columns.sin()};                // (B, n, 1, hs) each
        // attention rmsnorm
        NDArray xb = rmsNorm(x, w.attnNorm());
        // qkv for these columns: (B, n, qDim + 2 kvDim)
        NDArray qkv = w.wqkvT().apply(xb);
        if (w.bqkv() != null) {
            qkv = qkv.add(w.bqkv());                     // Qwen2: q, k and v projections carry a bias
        }
        NDArray v = qkv.get(":, :, {}:", qDim + kvDim).reshape(b, n, config.nKvHeads(), hs);
        // rotary positions (rotate-half layout; GGUF Llama weights were un-permuted at load)
        NDArray q;
        NDArray k;
        if (config.qkNorm()) {
            // Gemma 3: RMSNorm over each head's vector before the rotation, with separate q and k weights
            q = rope(rmsNorm(qkv.get(":, :, :{}", qDim).reshape(b, n, config.nHeads(), hs), w.qNorm()), cosSin);
            k = rope(rmsNorm(qkv.get(":, :, {}:{}", qDim, qDim + kvDim).reshape(b, n, config.nKvHeads(), hs),
                    w.kNorm()), cosSin);
        } else {
            // Llama: queries and keys rotate together, one set of operations for all their heads
            NDArray qk = rope(qkv.get(":, :, :{}", qDim + kvDim).reshape(b, n, config.nHeads() + config.nKvHeads(), hs),
                    cosSin);
            q = qk.get(":, :, :{}", config.nHeads());
            k = qk.get(":, :, {}:", config.nHeads());
        }
        q = q.transpose(0, 2, 1, 3);                    // (B, nHeads, n, hs)
        k = k.transpose(0, 2, 1, 3);                    // (B, nKvHeads, n, hs)
        v = v.transpose(0, 2, 1, 3);                    // (B, nKvHeads, n, hs)
        cache.write(l, columns.start(), k, v);

        // only the columns whose output is wanted ask questions
        int nq = columns.queries();
        if (columns.outFrom() > 0) {
            q = q.get(":, :, {}:", columns.outFrom());
        }
        NDArray keys = cache.keys(l, columns.length());     // (B, nKvHeads, length, hs)
        NDArray values = cache.values(l, columns.length()); // (B, nKvHeads, length, hs)
        // grouped-query attention: the group's query heads share their key/value head, so they are
        // stacked as rows: (B, nKvHeads, group * nq, hs) x (B, nKvHeads, hs, length), plain 4-D products
        NDArray qg = q.reshape(b, config.nKvHeads(), config.kvGroup() * nq, hs);
        NDArray scores = qg.matMul(keys.transpose(0, 1, 3, 2)).mul(config.queryScale());
        scores = scores.add(sliding ? columns.maskLocal() : columns.mask());
        // softmax in float32 then back to the compute dtype, as HF's eager attention does in half precision
        NDArray att = (half() ? scores.toType(DataType.FLOAT32, false).softmax(-1).toType(dtype, false)
                : scores.softmax(-1)).matMul(values);    // (B, nKvHeads, group * nq, hs)
        NDArray out = w.woT().apply(att.reshape(b, config.nHeads(), nq, hs).transpose(0, 2, 1, 3)
                .reshape(b, nq, qDim));                  // (B, nq, dim)
        return config.sandwichNorms() ? rmsNorm(out, w.postAttnNorm()) : out;
    }

    /** The MLP sub-block without its residual: norm, gated MLP (SwiGLU or GeGLU), Gemma's post-MLP norm. */
    private NDArray mlp(ModelWeights.Layer w, NDArray h) {
        NDArray hb = rmsNorm(h, w.ffnNorm());
        NDArray gateUp = w.w13T().apply(hb);            // (B, nq, 2 hiddenDim)
        NDArray gate = gateUp.get(":, :, :{}", config.hiddenDim());
        NDArray up = gateUp.get(":, :, {}:", config.hiddenDim());
        // torch's fused silu/gelu round once from float32 in half precision: compute them in float32 there
        NDArray g = half() ? gate.toType(DataType.FLOAT32, false) : gate;
        NDArray act = config.activation() == ModelConfig.Activation.SILU
                ? g.mul(ai.djl.nn.Activation.sigmoid(g))  // silu(g) = g * sigmoid(g)
                : geluTanh(g);
        act = half() ? act.toType(dtype, false) : act;
        NDArray out = w.w2T().apply(act.mul(up));       // (B, nq, dim)
        return config.sandwichNorms() ? rmsNorm(out, w.postFfnNorm()) : out;
    }

    /** Final norm and LM head: (B, n, dim) -> (B, n, vocab) logits in float32. */
    public NDArray logits(NDArray h) {
        try (NDScope ignored = new NDScope()) {
            NDArray out = weights.outputT().apply(rmsNorm(h, weights.finalNorm())).toType(DataType.FLOAT32, false);
            if (config.finalSoftcap() > 0f) {
                // final logit soft-capping, c * tanh(z / c), when the config asks for it (not Gemma 3 270M)
                out = softcap(out, config.finalSoftcap());
            }
            return leave(out, h.getManager());
        }
    }

    // ---- building blocks -------------------------------------------------------------------

    /**
     * x * rsqrt(mean(x^2) + eps) * weight over the last axis. Half-precision models normalise in float32
     * as HF does: Llama rounds to the model dtype before the weight multiply; Gemma multiplies by its
     * float32 (1 + w) first and rounds after (the loader keeps Gemma's norm weights in float32, so the
     * weight's dtype selects the order). float32 and float64 models compute in their own dtype.
     */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        boolean upcast = dtype == DataType.FLOAT16 || dtype == DataType.BFLOAT16;
        NDArray xf = upcast ? x.toType(DataType.FLOAT32, false) : x;
        NDArray inv = xf.square().mean(new int[] {-1}, true).add(config.normEps()).pow(-0.5);
        NDArray normed = xf.mul(inv);
        if (!upcast) {
            return normed.mul(weight);
        }
        if (weight.getDataType() == DataType.FLOAT32) {
            return normed.mul(weight).toType(dtype, false);
        }
        return normed.toType(dtype, false).mul(weight);
    }

    /** float16 (bfloat16 never reaches here): HF computes norms, softmax and fused activations in float32. */
    private boolean half() { return dtype == DataType.FLOAT16 || dtype == DataType.BFLOAT16; }

    /** c * tanh(x / c): bounds the logits to (-c, c). */
    private static NDArray softcap(NDArray x, float cap) {
        return x.div(cap).tanh().mul(cap);
    }

    /**
     * x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1] over the head dimension, taken as a
     * product with a signed permutation matrix (exact: one nonzero term per output) to save operations.
     */
    private NDArray rope(NDArray x, NDArray[] cosSin) {
        return x.mul(cosSin[0]).add(x.matMul(rotateHalf).mul(cosSin[1]));
    }

    /** (hs, hs) with x @ R = rotate_half(x): R[i + half][i] = -1, R[i][i + half] = 1. */
    private NDArray rotateHalfMatrix() {
        int hs = config.headSize();
        int half = hs / 2;
        float[] r = new float[hs * hs];
        for (int i = 0; i < half; i++) {
            r[(i + half) * hs + i] = -1f;
            r[i * hs + i + half] = 1f;
        }
        return manager.create(r, new Shape(hs, hs)).toType(dtype, false);
    }

    /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): the tanh approximation Gemma uses. */
    private static NDArray geluTanh(NDArray x) {
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2.0 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    /**
     * Additive mask (B, 1, group * nq, length) for the stacked query rows of one key/value head: row
     * {@code j * nq + i} is query i (column start + outFrom + i) of the group's j-th head, which sees the keys
     * of its own row at columns pad..its own column, within the window of sliding layers. A pad query sees
     * only itself (a row of -inf alone would make the softmax NaN); nothing real reads it.
     */
    private NDArray mask(int batch, int start, int n, int outFrom, int[] pad, boolean sliding) {
        int group = config.kvGroup();
        int nq = n - outFrom;
        int length = start + n;
        float[] m = new float[batch * group * nq * length];
        int window = sliding ? config.slidingWindow() : 0;
        // HF fills with the dtype's lowest finite value (float16: -65504); exp() of it is 0 in float32 either way
        float maskFill = dtype == DataType.FLOAT16 ? -65504f : Float.NEGATIVE_INFINITY;
        for (int b = 0; b < batch; b++) {
            int first = pad == null ? 0 : pad[b];
            int base = b * group * nq * length;
            for (int i = 0; i < nq; i++) {
                int col = start + outFrom + i;
                for (int j = 0; j < length; j++) {
                    boolean visible = col < first ? j == col
                            : j >= first && j <= col && (window == 0 || col - j < window);
                    m[base + i * length + j] = visible ? 0f : maskFill;
                }
            }
            for (int g = 1; g < group; g++) {
                System.arraycopy(m, base, m, base + g * nq * length, nq * length);
            }
        }
        return manager.create(m, new Shape(batch, 1, group * nq, length)).toType(dtype, false);
    }

    private NDArray[] ropeTables(double theta) {
        int hs = config.headSize();
        int half = hs / 2;
        int maxPos = config.maxPositions();
        float[] cos = new float[maxPos * hs];
        float[] sin = new float[maxPos * hs];
        float[] inv = inverseFrequencies(theta, hs, config.ropeScaling());
        for (int i = 0; i < half; i++) {
            float invFreq = inv[i];
            for (int p = 0; p < maxPos; p++) {
                float angle = p * invFreq;
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * hs + i] = c;
                cos[p * hs + i + half] = c;
                sin[p * hs + i] = s;
                sin[p * hs + i + half] = s;
            }
        }
        NDArray c = manager.create(cos, new Shape(maxPos, hs)).toType(dtype, false);
        NDArray s = manager.create(sin, new Shape(maxPos, hs)).toType(dtype, false);
        return new NDArray[] {c, s};
    }

    /**
     * The headSize / 2 rotary inverse frequencies in float32: 1 / theta^(2i / headSize), then, with Llama 3.x
     * scaling, long wavelengths (> originalMax / lowFreqFactor) divided by factor, short ones (< originalMax /
     * highFreqFactor) kept and the band between interpolated with smooth = (originalMax / wavelength - low) /
     * (high - low): (1 - smooth) inv / factor + smooth inv. Each step is one float32 operation in the order
     * transformers' _compute_llama3_parameters performs it (a scalar divided by a tensor is the tensor's
     * reciprocal times the scalar there), so the tables agree to the last bit or nearly.
     */
    static float[] inverseFrequencies(double theta, int headSize, ModelConfig.Llama3Rope scaling) {
        int half = headSize / 2;
        float[] inv = new float[half];
        for (int i = 0; i < half; i++) {
            // inv_freq = 1 / theta^(2i / headSize), rounded to float32 like the reference implementation
            inv[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / headSize));
        }
        if (scaling == null) {
            return inv;
        }
        float factor = (float) scaling.factor();
        float low = (float) scaling.lowFreqFactor();
        float high = (float) scaling.highFreqFactor();
        double lowFreqWavelen = scaling.originalMaxPositions() / scaling.lowFreqFactor();
        double highFreqWavelen = scaling.originalMaxPositions() / scaling.highFreqFactor();
        float twoPi = (float) (2 * Math.PI);
        float oldContext = scaling.originalMaxPositions();
        for (int i = 0; i < half; i++) {
            float wavelen = (1f / inv[i]) * twoPi;
            float llama = wavelen > (float) lowFreqWavelen ? inv[i] / factor : inv[i];
            float smooth = ((1f / wavelen) * oldContext - low) / (high - low);
            float smoothed = (1f - smooth) * llama / factor + smooth * llama;
            boolean medium = !(wavelen < (float) highFreqWavelen) && !(wavelen > (float) lowFreqWavelen);
            inv[i] = medium ? smoothed : llama;
        }
        return inv;
    }

    /** Takes {@code array} out of the current scope and hands it to {@code owner}. */
    static NDArray leave(NDArray array, NDManager owner) {
        NDScope.unregister(array);
        array.attach(owner);
        return array;
    }

    @Override
    public void close() { manager.close(); }
}
