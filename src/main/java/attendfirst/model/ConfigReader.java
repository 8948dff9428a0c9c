package attendfirst.model;

import attendfirst.io.ModelFormatException;
import attendfirst.io.gguf.GgufFile;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Builds a {@link ModelConfig} from GGUF metadata or from an HF {@code config.json}. */
public final class ConfigReader {
    public static final Set<String> ARCHITECTURES = Set.of("llama", "qwen2", "gemma3");
    /** RoPE tables are built up to this many positions unless the model allows fewer. */
    static final int MAX_POSITIONS = 4096;

    private ConfigReader() {
    }

    public static ModelConfig fromGguf(GgufFile f) {
        String arch = f.getString("general.architecture");
        requireKnown(arch, f.path().toString(), "general.architecture");
        String p = arch + ".";
        int dim = (int) f.getLong(p + "embedding_length");
        int hiddenDim = (int) f.getLong(p + "feed_forward_length");
        int nLayers = (int) f.getLong(p + "block_count");
        int nHeads = (int) f.getLong(p + "attention.head_count");
        int nKvHeads = (int) f.findLong(p + "attention.head_count_kv").orElse(nHeads);
        int headSize = (int) f.findLong(p + "attention.key_length").orElse(dim / nHeads);
        int vocab = (int) f.findLong(p + "vocab_size").orElse(f.getStringArray("tokenizer.ggml.tokens").size());
        float eps = (float) f.getDouble(p + "attention.layer_norm_rms_epsilon");
        double theta = f.findDouble(p + "rope.freq_base").orElse(10000.0);
        int context = (int) f.findLong(p + "context_length").orElse(MAX_POSITIONS);
        int maxPos = Math.min(context, MAX_POSITIONS);
        boolean tied = !f.tensors().containsKey("output.weight");
        if (arch.equals("llama") || arch.equals("qwen2")) {
            // llama.cpp writes Llama 3.x's scaled RoPE as a rope_freqs tensor of per-frequency divisors; this
            // reader does not apply it, so such a file is refused rather than run with the wrong frequencies
            if (f.tensors().containsKey("rope_freqs.weight")) {
                throw new ModelFormatException(f.path() + ": tensor rope_freqs.weight (Llama 3.x scaled RoPE as "
                        + "llama.cpp stores it) is not supported in GGUF files; load the model's HF directory "
                        + "(config.json rope_scaling type 'llama3' is supported)");
            }
            f.findString(p + "rope.scaling.type").filter(t -> !t.equals("none")).ifPresent(t -> {
                throw new ModelFormatException(f.path() + ": " + p + "rope.scaling.type is '" + t
                        + "', only unscaled RoPE ('none') is supported in GGUF files");
            });
            ModelConfig llama = ModelConfig.llama(dim, hiddenDim, nLayers, nHeads, nKvHeads, vocab, eps, theta, tied,
                    maxPos);
            // Qwen2: Llama plus biases on q, k, v (blk.N.attn_{q,k,v}.bias), output tied only when output.weight
            // is absent, like any GGUF here
            return arch.equals("qwen2") ? llama.asQwen2() : llama;
        }
        // Gemma 3 as llama.cpp runs it. The layer types come from sliding_window_pattern (one bool per layer,
        // true = sliding) when the converter wrote it; otherwise llama.cpp's default applies: every 6th layer
        // global (the real 270M file has no such key). Sliding layers use rope.freq_base_swa, default 10k.
        // q.k is scaled by 1/sqrt(key_length) as llama.cpp does (query_pre_attn_scalar == head_dim up to 12B).
        // attn_logit_softcapping, if present, is ignored, as transformers does for Gemma 3 (see fromHfConfig).
        int window = (int) f.getLong(p + "attention.sliding_window");
        boolean[] sliding = f.metadata().containsKey(p + "attention.sliding_window_pattern")
                ? ggufSlidingPattern(f, p + "attention.sliding_window_pattern", nLayers)
                : slidingPattern(nLayers, 6);
        double thetaLocal = f.findDouble(p + "rope.freq_base_swa").orElse(10000.0);
        float finalSoftcap = (float) f.findDouble(p + "final_logit_softcapping").orElse(0.0);
        return gemma3(dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocab, eps, theta, thetaLocal,
                window, sliding, headSize, finalSoftcap, maxPos);
    }

    /** gguf-py writes sliding_window_pattern as ARRAY[BOOL], one entry per layer, true = sliding window. */
    private static boolean[] ggufSlidingPattern(GgufFile f, String key, int nLayers) {
        Object value = f.metadata().get(key);
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Boolean.class::isInstance)) {
            throw new ModelFormatException(f.path() + ": metadata key " + key + " has type " + f.metadataType(key)
                    + ", expected ARRAY[BOOL] with one entry per layer");
        }
        if (list.size() != nLayers) {
            throw new ModelFormatException(f.path() + ": metadata key " + key + " has " + list.size()
                    + " entries for " + nLayers + " layers");
        }
        boolean[] sliding = new boolean[nLayers];
        for (int l = 0; l < nLayers; l++) {
            sliding[l] = (Boolean) list.get(l);
        }
        return sliding;
    }

    public static ModelConfig fromHfConfig(Path configJson) {
        JsonObject c;
        if (!Files.isRegularFile(configJson)) {
            Path dir = configJson.toAbsolutePath().getParent();
            throw new ModelFormatException("no " + configJson.getFileName() + " in " + dir
                    + ": an hf-dir model needs the config.json of its Hugging Face repository next to the weights"
                    + (Files.isDirectory(dir) ? "" : " (the directory itself does not exist)"));
        }
        try {
            c = JsonParser.parseString(Files.readString(configJson)).getAsJsonObject();
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + configJson + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ModelFormatException(configJson + " is not a JSON object: " + e.getMessage());
        }
        String where = configJson.toString();
        String modelType = string(c, "model_type", where);
        String arch = switch (modelType) {
            case "llama", "mistral", "yi" -> "llama";
            case "qwen2" -> "qwen2";
            case "gemma3_text", "gemma3" -> "gemma3";
            default -> throw new ModelFormatException(where + ": model_type '" + modelType
                    + "' is not supported; supported: llama, mistral, yi, qwen2, gemma3_text");
        };
        if (modelType.equals("gemma3") && c.has("text_config")) {
            c = c.getAsJsonObject("text_config");
        }
        int dim = integer(c, "hidden_size", where);
        int hiddenDim = integer(c, "intermediate_size", where);
        int nLayers = integer(c, "num_hidden_layers", where);
        int nHeads = integer(c, "num_attention_heads", where);
        int nKvHeads = c.has("num_key_value_heads") && !c.get("num_key_value_heads").isJsonNull()
                ? integer(c, "num_key_value_heads", where) : nHeads;
        int headSize = c.has("head_dim") && !c.get("head_dim").isJsonNull() ? integer(c, "head_dim", where) : dim / nHeads;
        int vocab = integer(c, "vocab_size", where);
        float eps = (float) number(c, "rms_norm_eps", where);
        double theta = ropeTheta(c, "rope_theta", "full_attention", 10000.0, where);
        int maxPos = Math.min(c.has("max_position_embeddings") ? integer(c, "max_position_embeddings", where)
                : MAX_POSITIONS, MAX_POSITIONS);
        boolean tied = c.has("tie_word_embeddings") ? c.get("tie_word_embeddings").getAsBoolean() : arch.equals("gemma3");
        if (arch.equals("qwen2")) {
            requireActivation(c, "hidden_act", "silu", where);
            // Qwen2 configs carry sliding_window but apply it only with use_sliding_window (off in Qwen2.5)
            if (c.has("use_sliding_window") && c.get("use_sliding_window").getAsBoolean()) {
                throw new ModelFormatException(where + ": use_sliding_window is true; Qwen2 sliding-window "
                        + "attention is not supported");
            }
            return ModelConfig.llama(dim, hiddenDim, nLayers, nHeads, nKvHeads, vocab, eps, theta, tied, maxPos)
                    .asQwen2().withRopeScaling(llama3Rope(c, where));
        }
        if (arch.equals("llama")) {
            requireActivation(c, "hidden_act", "silu", where);
            ModelConfig base = ModelConfig.llama(dim, hiddenDim, nLayers, nHeads, nKvHeads, vocab, eps, theta, tied, maxPos)
                    .withRopeScaling(llama3Rope(c, where));
            // Mistral 7B v0.1 declares a 4096-token sliding window on every layer
            if (c.has("sliding_window") && !c.get("sliding_window").isJsonNull()) {
                boolean[] all = new boolean[nLayers];
                java.util.Arrays.fill(all, true);
                return new ModelConfig(base.architecture(), dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocab,
                        eps, theta, theta, integer(c, "sliding_window", where), all, tied, 1f, base.queryScale(),
                        false, false, ModelConfig.Activation.SILU, 0f, maxPos, false, base.ropeScaling());
            }
            return base;
        }
        double thetaLocal = ropeTheta(c, "rope_local_base_freq", "sliding_attention", 10000.0, where);
        boolean[] sliding = new boolean[nLayers];
        if (c.has("layer_types")) {
            List<String> types = c.getAsJsonArray("layer_types").asList().stream().map(JsonElement::getAsString).toList();
            if (types.size() != nLayers) {
                throw new ModelFormatException(where + ": layer_types has " + types.size() + " entries for "
                        + nLayers + " layers");
            }
            for (int l = 0; l < nLayers; l++) {
                sliding[l] = types.get(l).equals("sliding_attention");
            }
        } else {
            int pattern = c.has("sliding_window_pattern") ? integer(c, "sliding_window_pattern", where) : 6;
            sliding = slidingPattern(nLayers, pattern);
        }
        double scalar = c.has("query_pre_attn_scalar") ? number(c, "query_pre_attn_scalar", where) : headSize;
        requireActivation(c, "hidden_activation", "gelu_pytorch_tanh", where);
        // attn_logit_softcapping is deliberately not read: transformers' Gemma3Attention stores it but never hands
        // it to the attention function, so it has no effect on Gemma 3 (tools/golden_softcap.py checks this).
        // final_logit_softcapping is applied by transformers and here.
        return gemma3(dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocab, eps, theta, thetaLocal,
                integer(c, "sliding_window", where), sliding, scalar, optionalNumber(c, "final_logit_softcapping", where),
                maxPos);
    }

    /**
     * Gemma 3's differences from Llama, all in one place: sqrt(dim) embedding scale (HF computes it in float32),
     * q.k scaled by query_pre_attn_scalar^-0.5, per-head q/k norms, four norms per layer, GeGLU with tanh GELU,
     * tied output, optional tanh soft-capping of the final logits (0 = off).
     */
    static ModelConfig gemma3(int dim, int hiddenDim, int nLayers, int nHeads, int nKvHeads, int headSize, int vocab,
                              float eps, double theta, double thetaLocal, int window, boolean[] sliding,
                              double queryPreAttnScalar, float finalSoftcap, int maxPos) {
        return new ModelConfig("gemma3", dim, hiddenDim, nLayers, nHeads, nKvHeads, headSize, vocab, eps, theta,
                thetaLocal, window, sliding, true, (float) Math.sqrt(dim), (float) (1.0 / Math.sqrt(queryPreAttnScalar)),
                true, true, ModelConfig.Activation.GELU_TANH, finalSoftcap, maxPos, false, null);
    }

    /** Fails loudly on an MLP activation the forward pass does not implement. */
    private static void requireActivation(JsonObject c, String key, String expected, String where) {
        if (c.has(key) && !c.get(key).isJsonNull() && !c.get(key).getAsString().equals(expected)) {
            throw new ModelFormatException(where + ": " + key + " is '" + c.get(key).getAsString()
                    + "', supported: '" + expected + "'");
        }
    }

    /** A number that may be absent or null (soft-capping); 0 stands for "off". */
    private static float optionalNumber(JsonObject c, String key, String where) {
        return c.has(key) && !c.get(key).isJsonNull() ? (float) number(c, key, where) : 0f;
    }

    /** Gemma 3's default: layer l is global when (l + 1) % pattern == 0, sliding otherwise. */
    static boolean[] slidingPattern(int nLayers, int pattern) {
        boolean[] sliding = new boolean[nLayers];
        for (int l = 0; l < nLayers; l++) {
            sliding[l] = (l + 1) % pattern != 0;
        }
        return sliding;
    }

    private static void requireKnown(String arch, String where, String key) {
        if (!ARCHITECTURES.contains(arch)) {
            throw new ModelFormatException(where + ": " + key + " is '" + arch + "', supported architectures: "
                    + ARCHITECTURES);
        }
    }

    /**
     * rope_theta at top level (transformers 4) or inside rope_parameters (transformers 5, per layer type for
     * Gemma 3). Only plain RoPE is implemented: a scaled variant (linear, llama3, yarn...) fails loudly rather
     * than silently running with the wrong frequencies.
     */
    private static double ropeTheta(JsonObject c, String key, String layerType, double fallback, String where) {
        if (c.has("rope_scaling") && c.get("rope_scaling").isJsonObject()) {
            requirePlainRope(c.getAsJsonObject("rope_scaling"), "rope_scaling", where);
        }
        if (c.has(key) && !c.get(key).isJsonNull()) {
            return c.get(key).getAsDouble();
        }
        if (c.has("rope_parameters") && c.get("rope_parameters").isJsonObject()) {
            JsonObject rp = c.getAsJsonObject("rope_parameters");
            String name = "rope_parameters";
            if (rp.has(layerType) && rp.get(layerType).isJsonObject()) {
                rp = rp.getAsJsonObject(layerType);
                name += "." + layerType;
            }
            requirePlainRope(rp, name, where);
            if (rp.has("rope_theta")) {
                return rp.get("rope_theta").getAsDouble();
            }
        }
        return fallback;
    }

    private static void requirePlainRope(JsonObject rope, String name, String where) {
        String type = ropeType(rope);
        if (!type.equals("default") && !type.equals("llama3")) {
            throw new ModelFormatException(where + ": " + name + " has rope_type '" + type
                    + "', supported: unscaled RoPE ('default') and Llama 3.x scaling ('llama3')");
        }
    }

    private static String ropeType(JsonObject rope) {
        return rope.has("rope_type") ? rope.get("rope_type").getAsString()
                : rope.has("type") ? rope.get("type").getAsString() : "default";
    }

    /**
     * Llama 3.x scaling from rope_scaling (transformers 4 config.json) or rope_parameters (transformers 5), or
     * null when the RoPE is plain. Every one of its four numbers is required: a default would silently move
     * the frequencies.
     */
    static ModelConfig.Llama3Rope llama3Rope(JsonObject c, String where) {
        for (String name : new String[] {"rope_scaling", "rope_parameters"}) {
            if (!c.has(name) || !c.get(name).isJsonObject()) {
                continue;
            }
            JsonObject rope = c.getAsJsonObject(name);
            if (!ropeType(rope).equals("llama3")) {
                continue;
            }
            String at = where + ": " + name;
            return new ModelConfig.Llama3Rope(number(rope, "factor", at), number(rope, "low_freq_factor", at),
                    number(rope, "high_freq_factor", at), integer(rope, "original_max_position_embeddings", at));
        }
        return null;
    }

    private static String string(JsonObject c, String key, String where) {
        if (!c.has(key) || !c.get(key).isJsonPrimitive()) {
            throw new ModelFormatException(where + ": missing string field '" + key + "'");
        }
        return c.get(key).getAsString();
    }

    private static int integer(JsonObject c, String key, String where) {
        return (int) number(c, key, where);
    }

    private static double number(JsonObject c, String key, String where) {
        if (!c.has(key) || !c.get(key).isJsonPrimitive() || !c.get(key).getAsJsonPrimitive().isNumber()) {
            throw new ModelFormatException(where + ": missing numeric field '" + key + "'");
        }
        return c.get(key).getAsDouble();
    }
}
