package attendfirst.model;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * The weights of a decoder, already in the layout the forward pass multiplies with: projection
 * matrices are stored transposed ({@code (in, out)}), Q/K/V are fused into one matrix and gate/up
 * into another, so a layer costs two large products before attention and two after.
 * RMSNorm weights are the effective multipliers (Gemma's {@code 1 + w} is added at load time and kept in
 * float32, since transformers applies it before rounding to the model dtype).
 *
 * @param tokenEmbedding (vocabSize, dim)
 * @param finalNorm      (dim)
 * @param outputT        (dim, vocabSize): the LM head, the transposed embedding when tied
 * @param layers         one entry per decoder layer
 */
public record ModelWeights(NDArray tokenEmbedding, NDArray finalNorm, NDArray outputT, List<Layer> layers) {

    /**
     * @param attnNorm     (dim) RMSNorm before attention
     * @param wqkvT        (dim, qDim + 2 * kvDim): [wq; wk; wv] transposed, Q/K rows in rotate-half layout
     * @param woT          (qDim, dim)
     * @param qNorm        (headSize) Gemma 3 per-head query norm, null for Llama
     * @param kNorm        (headSize) Gemma 3 per-head key norm, null for Llama
     * @param postAttnNorm (dim) Gemma 3 norm on the attention output, null for Llama
     * @param ffnNorm      (dim) RMSNorm before the MLP
     * @param w13T         (dim, 2 * hiddenDim): [w1 (gate); w3 (up)] transposed
     * @param w2T          (hiddenDim, dim): down projection transposed
     * @param postFfnNorm  (dim) Gemma 3 norm on the MLP output, null for Llama
     * @param bqkv         (qDim + 2 * kvDim) Qwen2's [bq; bk; bv], added after the q/k/v product; null without biases
     */
    public record Layer(NDArray attnNorm, NDArray wqkvT, NDArray woT, NDArray qNorm, NDArray kNorm,
                        NDArray postAttnNorm, NDArray ffnNorm, NDArray w13T, NDArray w2T, NDArray postFfnNorm,
                        NDArray bqkv) {
    }
}
