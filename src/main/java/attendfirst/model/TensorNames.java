package attendfirst.model;

/**
 * Where each weight lives in a checkpoint. GGUF files use llama.cpp's names, HF checkpoints the
 * transformers module paths; Qwen2 adds q/k/v biases, Gemma 3 per-head Q/K norms and post-attention/post-MLP norms.
 * The one trap: in HF Llama {@code post_attention_layernorm} is the norm BEFORE the MLP, while in
 * HF Gemma 3 it is the norm applied to the attention output ({@code pre_feedforward_layernorm} is the
 * one before the MLP).
 */
public enum TensorNames {
    GGUF("token_embd.weight", "output_norm.weight", "output.weight", "blk.%d.") {
        @Override
        String layer(int l, Part part, String architecture) {
            String p = "blk." + l + ".";
            return p + switch (part) {
                case ATTN_NORM -> "attn_norm.weight";
                case WQ -> "attn_q.weight";
                case WK -> "attn_k.weight";
                case WV -> "attn_v.weight";
                case BQ -> "attn_q.bias";
                case BK -> "attn_k.bias";
                case BV -> "attn_v.bias";
                case WO -> "attn_output.weight";
                case Q_NORM -> "attn_q_norm.weight";
                case K_NORM -> "attn_k_norm.weight";
                case POST_ATTN_NORM -> "post_attention_norm.weight";
                case FFN_NORM -> "ffn_norm.weight";
                case W1 -> "ffn_gate.weight";
                case W3 -> "ffn_up.weight";
                case W2 -> "ffn_down.weight";
                case POST_FFN_NORM -> "post_ffw_norm.weight";
            };
        }
    },
    HF("model.embed_tokens.weight", "model.norm.weight", "lm_head.weight", "model.layers.%d.") {
        @Override
        String layer(int l, Part part, String architecture) {
            boolean gemma = architecture.equals("gemma3");
            String p = "model.layers." + l + ".";
            return p + switch (part) {
                case ATTN_NORM -> "input_layernorm.weight";
                case WQ -> "self_attn.q_proj.weight";
                case WK -> "self_attn.k_proj.weight";
                case WV -> "self_attn.v_proj.weight";
                case BQ -> "self_attn.q_proj.bias";
                case BK -> "self_attn.k_proj.bias";
                case BV -> "self_attn.v_proj.bias";
                case WO -> "self_attn.o_proj.weight";
                case Q_NORM -> "self_attn.q_norm.weight";
                case K_NORM -> "self_attn.k_norm.weight";
                case POST_ATTN_NORM -> "post_attention_layernorm.weight";
                case FFN_NORM -> gemma ? "pre_feedforward_layernorm.weight" : "post_attention_layernorm.weight";
                case W1 -> "mlp.gate_proj.weight";
                case W3 -> "mlp.up_proj.weight";
                case W2 -> "mlp.down_proj.weight";
                case POST_FFN_NORM -> "post_feedforward_layernorm.weight";
            };
        }
    };

    public enum Part { ATTN_NORM, WQ, WK, WV, BQ, BK, BV, WO, Q_NORM, K_NORM, POST_ATTN_NORM, FFN_NORM, W1, W3, W2, POST_FFN_NORM }

    final String embedding;
    final String finalNorm;
    final String output;
    final String layerPrefix;

    TensorNames(String embedding, String finalNorm, String output, String layerPrefix) {
        this.embedding = embedding;
        this.finalNorm = finalNorm;
        this.output = output;
        this.layerPrefix = layerPrefix;
    }

    abstract String layer(int l, Part part, String architecture);
}
