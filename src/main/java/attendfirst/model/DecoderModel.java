package attendfirst.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The forward pass of a Llama-family decoder (Llama 2, Mistral, Yi, Llemma, SmolLM2, Gemma 3),
 * exposed one decoder layer at a time so that callers can read and rewrite the residual stream at
 * the input of any layer: the place where the paper's manipulations act.
 *
 * <p>All tensors carry a batch dimension B (sequences of the same length processed together) and
 * every call covers a contiguous run of positions {@code [start, start + n)} whose keys and values are
 * written into a {@link KvCache}; earlier positions are read from the cache.
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
 * <p>Memory: the model's own {@link NDManager} owns the weights and the rotary tables. Every method
 * runs inside an {@link NDScope} and only its result leaves it, attached to the manager of the input.
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
     * Decoder layer {@code l} for positions [start, start + n) of every batch row.
     *
     * @param x             (B, n, dim) inputs of layer l at those positions
     * @param start         position of the first row of x
     * @param cache         receives the keys/values of these positions at layer l; holds those of [0, start)
     * @param outFrom       outputs are computed only for rows outFrom..n-1 (rows before only contribute keys/values)
     * @param skipAttention (B) booleans or null: rows whose attention sub-block is skipped (the paper's skip-attention)
     * @return (B, n - outFrom, dim) the inputs of layer l + 1 for rows outFrom..n-1
     */
    public NDArray layer(int l, NDArray x, int start, KvCache cache, int outFrom, NDArray skipAttention) {
        ModelWeights.Layer w = weights.layers().get(l);
        long b = x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        int hs = config.headSize();
        int qDim = config.qDim();
        int kvDim = config.kvDim();
        try (NDScope ignored = new NDScope()) {
            // attention rmsnorm
            NDArray xb = rmsNorm(x, w.attnNorm());
            // qkv for these positions: (B, n, qDim + 2 kvDim)
            NDArray qkv = xb.matMul(w.wqkvT());
            NDArray v = qkv.get(":, :, {}:", qDim + kvDim).reshape(b, n, config.nKvHeads(), hs);
            // rotary positions (rotate-half layout; GGUF Llama weights were un-permuted at load)
            boolean sliding = config.isSliding(l);
            NDArray[] cosSin = ropeRows(start, n, sliding);  // (1, n, 1, hs) each
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
            cache.write(l, start, k, v);

            // only the rows whose output is wanted ask questions
            int nq = n - outFrom;
            if (outFrom > 0) {
                q = q.get(":, :, {}:", outFrom);
            }
            int length = start + n;
            NDArray keys = cache.keys(l, length);           // (B, nKvHeads, length, hs)
            NDArray values = cache.values(l, length);       // (B, nKvHeads, length, hs)
            // grouped-query attention: the group's query heads share their key/value head, so they are
            // stacked as rows: (B, nKvHeads, group * nq, hs) x (B, nKvHeads, hs, length), plain 4-D products
            NDArray qg = q.reshape(b, config.nKvHeads(), config.kvGroup() * nq, hs);
            NDArray scores = qg.matMul(keys.transpose(0, 1, 3, 2)).mul(config.queryScale());
            scores = scores.add(cachedMask(start + outFrom, nq, length, sliding));
            // softmax in float32 then back to the compute dtype, as HF's eager attention does in half precision
            NDArray att = (half() ? scores.toType(DataType.FLOAT32, false).softmax(-1).toType(dtype, false)
                    : scores.softmax(-1)).matMul(values); // (B, nKvHeads, group * nq, hs)
            NDArray attOut = att.reshape(b, config.nHeads(), nq, hs).transpose(0, 2, 1, 3).reshape(b, nq, qDim)
                    .matMul(w.woT());                    // (B, nq, dim)
            if (config.sandwichNorms()) {
                attOut = rmsNorm(attOut, w.postAttnNorm());
            }
            // residual back into x (skipped rows keep x: the whole attention sub-block is bypassed)
            NDArray h = outFrom > 0 ? x.get(":, {}:", outFrom) : x;
            if (skipAttention != null) {
                attOut = attOut.mul(skipAttention.logicalNot().toType(attOut.getDataType(), false)
                        .reshape(b, 1, 1));
            }
            h = h.add(attOut);

            // ffn rmsnorm, gated MLP, residual
            NDArray hb = rmsNorm(h, w.ffnNorm());
            NDArray gateUp = hb.matMul(w.w13T());            // (B, nq, 2 hiddenDim)
            NDArray gate = gateUp.get(":, :, :{}", config.hiddenDim());
            NDArray up = gateUp.get(":, :, {}:", config.hiddenDim());
            // torch's fused silu/gelu round once from float32 in half precision: compute them in float32 there
            NDArray g = half() ? gate.toType(DataType.FLOAT32, false) : gate;
            NDArray act = config.activation() == ModelConfig.Activation.SILU
                    ? g.mul(ai.djl.nn.Activation.sigmoid(g))  // silu(g) = g * sigmoid(g)
                    : geluTanh(g);
            act = half() ? act.toType(dtype, false) : act;
            NDArray mlpOut = act.mul(up).matMul(w.w2T());   // (B, nq, dim)
            if (config.sandwichNorms()) {
                mlpOut = rmsNorm(mlpOut, w.postFfnNorm());
            }
            return leave(h.add(mlpOut), x.getManager());
        }
    }

    /** Final norm and LM head: (B, n, dim) -> (B, n, vocab) logits in float32. */
    public NDArray logits(NDArray h) {
        try (NDScope ignored = new NDScope()) {
            NDArray out = rmsNorm(h, weights.finalNorm()).matMul(weights.outputT()).toType(DataType.FLOAT32, false);
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

    // ---- per-thread cache of what every layer of one call shares ---------------------------------
    // All layers of a decoding step or prefill use the same rotary rows and the same mask; building them
    // once per call instead of once per layer saves operations. The cache holds the last call's entries
    // of the current thread (sweep workers run side by side) and frees them when the next call differs.

    private final ThreadLocal<java.util.Map<String, NDArray>> callCache = ThreadLocal.withInitial(java.util.HashMap::new);

    /**
     * Frees the calling thread's per-call cache (rotary rows and masks of its last call). The cache is
     * bounded; this exists so that callers counting live arrays can start from a known state.
     */
    public void releaseCallCache() {
        java.util.Map<String, NDArray> cache = callCache.get();
        cache.values().forEach(NDArray::close);
        cache.clear();
    }

    private NDArray cached(String key, java.util.function.Supplier<NDArray> make) {
        java.util.Map<String, NDArray> cache = callCache.get();
        NDArray hit = cache.get(key);
        if (hit != null && !hit.isReleased()) {
            return hit;
        }
        if (cache.size() >= 6) {
            cache.values().forEach(NDArray::close);
            cache.clear();
        }
        NDArray made = make.get();
        NDScope.unregister(made);
        made.attach(manager);
        cache.put(key, made);
        return made;
    }

    /** cos and sin rows (1, n, 1, hs) for positions [start, start + n). */
    private NDArray[] ropeRows(int start, int n, boolean sliding) {
        int hs = config.headSize();
        String key = (sliding ? "local:" : "global:") + start + ":" + n;
        return new NDArray[] {
            cached("cos:" + key, () -> (sliding ? cosLocal : cosGlobal).get("{}:{}", start, start + n).reshape(1, n, 1, hs)),
            cached("sin:" + key, () -> (sliding ? sinLocal : sinGlobal).get("{}:{}", start, start + n).reshape(1, n, 1, hs))
        };
    }

    private NDArray cachedMask(int first, int nq, int length, boolean sliding) {
        return cached("mask:" + first + ":" + nq + ":" + length + ":" + sliding, () -> mask(first, nq, length, sliding));
    }

    /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): the tanh approximation Gemma uses. */
    private static NDArray geluTanh(NDArray x) {
        NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2.0 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    /**
     * Additive mask (group * nq, length) for the stacked query rows of one key/value head: row
     * {@code j * nq + i} is query i (position first + i) of the group's j-th head, which sees keys at
     * positions <= its own, within the window of sliding layers.
     */
    private NDArray mask(int first, int nq, int length, boolean sliding) {
        int group = config.kvGroup();
        float[] m = new float[group * nq * length];
        int window = sliding ? config.slidingWindow() : 0;
        // HF fills with the dtype's lowest finite value (float16: -65504); exp() of it is 0 in float32 either way
        float maskFill = dtype == DataType.FLOAT16 ? -65504f : Float.NEGATIVE_INFINITY;
        for (int i = 0; i < nq; i++) {
            int pos = first + i;
            for (int j = 0; j < length; j++) {
                boolean visible = j <= pos && (window == 0 || pos - j < window);
                m[i * length + j] = visible ? 0f : maskFill;
            }
        }
        for (int g = 1; g < group; g++) {
            System.arraycopy(m, 0, m, g * nq * length, nq * length);
        }
        return manager.create(m, new Shape(group * nq, length)).toType(dtype, false);
    }

    private NDArray[] ropeTables(double theta) {
        int hs = config.headSize();
        int half = hs / 2;
        int maxPos = config.maxPositions();
        float[] cos = new float[maxPos * hs];
        float[] sin = new float[maxPos * hs];
        for (int i = 0; i < half; i++) {
            // inv_freq = 1 / theta^(2i / headSize), rounded to float32 like the reference implementation
            float invFreq = (float) (1.0 / Math.pow(theta, (2.0 * i) / hs));
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

    /** Takes {@code array} out of the current scope and hands it to {@code owner}. */
    static NDArray leave(NDArray array, NDManager owner) {
        NDScope.unregister(array);
        array.attach(owner);
        return array;
    }

    @Override
    public void close() { manager.close(); }
}
