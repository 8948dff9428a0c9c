package attendfirst.model;

import java.util.Arrays;

/**
 * Hyper-parameters of a decoder-only transformer of the Llama family. One record serves Llama 2,
 * Mistral, Yi, Llemma, SmolLM2, Llama 3.x, Qwen2/Qwen2.5 and Gemma 3: their differences are the few switches at the end,
 * each read by exactly one place of {@link DecoderModel}.
 *
 * @param architecture      "llama", "qwen2" or "gemma3"
 * @param dim               residual stream width
 * @param hiddenDim         MLP inner width
 * @param nLayers           decoder layers
 * @param nHeads            query heads
 * @param nKvHeads          key/value heads (grouped-query attention when smaller than nHeads)
 * @param headSize          width of one head (dim / nHeads for Llama, 256 for Gemma 3 270M)
 * @param vocabSize         rows of the embedding table
 * @param normEps           RMSNorm epsilon
 * @param ropeTheta         rotary base of global-attention layers
 * @param ropeThetaLocal    rotary base of sliding-window layers (== ropeTheta when there are none)
 * @param slidingWindow     attention window of sliding layers (0 = none)
 * @param slidingLayers     per layer: true when the layer attends only within the window
 * @param tiedEmbeddings    output projection is the embedding table
 * @param embeddingScale    multiplies the looked-up embedding (1 for Llama, sqrt(dim) for Gemma)
 * @param queryScale        multiplies q.k (1/sqrt(headSize) for Llama; Gemma: query_pre_attn_scalar^-0.5)
 * @param qkNorm            Gemma 3: RMSNorm on every query and key head before RoPE
 * @param sandwichNorms     Gemma 3: extra RMSNorm after attention and after the MLP, before the residual add
 * @param activation        SwiGLU (SILU) for Llama, GeGLU with tanh-GELU for Gemma
 * @param finalSoftcap      cap c on the output logits, c * tanh(z / c) (0 = off; Gemma 3 270M has none)
 * @param maxPositions      longest sequence the RoPE tables are built for
 * @param qkvBias           Qwen2: the q, k and v projections add a bias (the output projection has none)
 * @param ropeScaling       Llama 3.x frequency-dependent RoPE scaling, or null for plain RoPE
 */
public record ModelConfig(
        String architecture,
        int dim,
        int hiddenDim,
        int nLayers,
        int nHeads,
        int nKvHeads,
        int headSize,
        int vocabSize,
        float normEps,
        double ropeTheta,
        double ropeThetaLocal,
        int slidingWindow,
        boolean[] slidingLayers,
        boolean tiedEmbeddings,
        float embeddingScale,
        float queryScale,
        boolean qkNorm,
        boolean sandwichNorms,
        Activation activation,
        float finalSoftcap,
        int maxPositions,
        boolean qkvBias,
        Llama3Rope ropeScaling) {

    public enum Activation { SILU, GELU_TANH }

    /**
     * rope_scaling of type "llama3" (Llama 3.1/3.2/3.3): wavelengths longer than
     * originalMaxPositions / lowFreqFactor are stretched by {@code factor}, shorter than
     * originalMaxPositions / highFreqFactor kept, and the band between interpolated smoothly
     * (transformers' _compute_llama3_parameters; attention scaling stays 1).
     */
    public record Llama3Rope(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {
        public Llama3Rope {
            require(factor > 0 && lowFreqFactor > 0 && highFreqFactor > lowFreqFactor && originalMaxPositions > 0,
                    "llama3 rope_scaling needs factor > 0, high_freq_factor > low_freq_factor > 0 and "
                            + "original_max_position_embeddings > 0, got " + factor + ", " + lowFreqFactor + ", "
                            + highFreqFactor + ", " + originalMaxPositions);
        }
    }

    public ModelConfig {
        require(dim > 0 && hiddenDim > 0 && nLayers > 0 && nHeads > 0 && nKvHeads > 0 && headSize > 0 && vocabSize > 0,
                "all sizes must be positive");
        require(nHeads % nKvHeads == 0, "nHeads (" + nHeads + ") must be a multiple of nKvHeads (" + nKvHeads + ")");
        require(headSize % 2 == 0, "headSize must be even for rotary positions, got " + headSize);
        require(finalSoftcap >= 0, "finalSoftcap must be >= 0 (0 = off), got " + finalSoftcap);
        require(slidingLayers.length == nLayers,
                "slidingLayers has " + slidingLayers.length + " entries for " + nLayers + " layers");
        slidingLayers = slidingLayers.clone();
    }

    public int kvDim() { return nKvHeads * headSize; }

    public int qDim() { return nHeads * headSize; }

    /** Query heads that share one key/value head. */
    public int kvGroup() { return nHeads / nKvHeads; }

    public boolean isSliding(int layer) { return slidingLayers[layer]; }

    /** A plain Llama configuration: SwiGLU, no sliding window, head size dim / nHeads. */
    public static ModelConfig llama(int dim, int hiddenDim, int nLayers, int nHeads, int nKvHeads, int vocabSize,
                                    float normEps, double ropeTheta, boolean tiedEmbeddings, int maxPositions) {
        int headSize = dim / nHeads;
        return new ModelConfig("llama", dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocabSize, normEps,
                ropeTheta, ropeTheta, 0, new boolean[nLayers], tiedEmbeddings, 1f,
                (float) (1.0 / Math.sqrt(headSize)), false, false, Activation.SILU, 0f, maxPositions, false, null);
    }

    /** This config with the q/k/v biases of Qwen2 and its architecture name. */
    public ModelConfig asQwen2() {
        return new ModelConfig("qwen2", dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocabSize, normEps, ropeTheta,
                ropeThetaLocal, slidingWindow, slidingLayers, tiedEmbeddings, embeddingScale, queryScale, qkNorm,
                sandwichNorms, activation, finalSoftcap, maxPositions, true, ropeScaling);
    }

    /** This config with Llama 3.x RoPE scaling. */
    public ModelConfig withRopeScaling(Llama3Rope scaling) {
        return new ModelConfig(architecture, dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocabSize, normEps,
                ropeTheta, ropeThetaLocal, slidingWindow, slidingLayers, tiedEmbeddings, embeddingScale, queryScale,
                qkNorm, sandwichNorms, activation, finalSoftcap, maxPositions, qkvBias, scaling);
    }

    @Override
    public boolean[] slidingLayers() { return slidingLayers.clone(); }

    @Override
    public String toString() {
        return architecture + "(dim=" + dim + ", hiddenDim=" + hiddenDim + ", layers=" + nLayers + ", heads=" + nHeads
                + ", kvHeads=" + nKvHeads + ", headSize=" + headSize + ", vocab=" + vocabSize + ", ropeTheta=" + ropeTheta
                + (slidingWindow > 0 ? ", window=" + slidingWindow + ", sliding=" + Arrays.toString(slidingLayers) : "")
                + (qkvBias ? ", qkvBias" : "") + (ropeScaling != null ? ", " + ropeScaling : "") + ")";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid model config: " + message);
        }
    }
}
