package attendfirst.model;

import java.util.Arrays;

/**
 * Hyper-parameters of a decoder-only transformer of the Llama family. One record serves Llama 2,
 * Mistral, Yi, Llemma, SmolLM2 and Gemma 3: their differences are the few switches at the end,
 * each read by exactly one place of {@link DecoderModel}.
 *
 * @param architecture      "llama" or "gemma3"
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
        int maxPositions) {

    public enum Activation { SILU, GELU_TANH }

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
                (float) (1.0 / Math.sqrt(headSize)), false, false, Activation.SILU, 0f, maxPositions);
    }

    @Override
    public boolean[] slidingLayers() { return slidingLayers.clone(); }

    @Override
    public String toString() {
        return architecture + "(dim=" + dim + ", hiddenDim=" + hiddenDim + ", layers=" + nLayers + ", heads=" + nHeads
                + ", kvHeads=" + nKvHeads + ", headSize=" + headSize + ", vocab=" + vocabSize + ", ropeTheta=" + ropeTheta
                + (slidingWindow > 0 ? ", window=" + slidingWindow + ", sliding=" + Arrays.toString(slidingLayers) : "")
                + ")";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid model config: " + message);
        }
    }
}
