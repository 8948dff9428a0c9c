package attendfirst.tokenizer;

import attendfirst.io.gguf.GgufFile;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tokenizer a GGUF file describes, as llama.cpp's metadata keys hold it. Built by
 * {@link #read(GgufFile)}; the tokenizers only see this record, so tests can also build one by hand.
 *
 * @param source       where it came from (the file path), for error messages
 * @param architecture general.architecture (picks Gemma's merge order, see {@link SentencePieceBpeTokenizer})
 * @param model        tokenizer.ggml.model: "gpt2" (byte-level BPE) or "llama" (SentencePiece BPE)
 * @param pre          tokenizer.ggml.pre, the pre-tokeniser name, or null when absent
 * @param tokens       tokenizer.ggml.tokens, index = token id
 * @param scores       tokenizer.ggml.scores, or null when absent
 * @param tokenTypes   tokenizer.ggml.token_type (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte), or null
 * @param merges       tokenizer.ggml.merges ("left right" per line, best first), or null when absent
 * @param bosId        tokenizer.ggml.bos_token_id
 * @param eosId        tokenizer.ggml.eos_token_id
 * @param unkId        tokenizer.ggml.unknown_token_id
 * @param addBos       tokenizer.ggml.add_bos_token
 * @param addSpacePrefix tokenizer.ggml.add_space_prefix
 */
public record GgufVocabulary(String source, String architecture, String model, String pre, List<String> tokens,
        float[] scores, int[] tokenTypes, List<String> merges, OptionalInt bosId, int eosId, OptionalInt unkId,
        Optional<Boolean> addBos, Optional<Boolean> addSpacePrefix) {

    static final String MODEL = "tokenizer.ggml.model";
    static final String PRE = "tokenizer.ggml.pre";
    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String SCORES = "tokenizer.ggml.scores";
    static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String BOS = "tokenizer.ggml.bos_token_id";
    static final String EOS = "tokenizer.ggml.eos_token_id";
    static final String UNK = "tokenizer.ggml.unknown_token_id";
    static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";

    static final int TYPE_CONTROL = 3;
    static final int TYPE_USER_DEFINED = 4;

    public GgufVocabulary {
        if (tokens.isEmpty()) {
            throw new TokenizerFormatException(source + ": " + TOKENS + " is empty");
        }
        if (scores != null && scores.length != tokens.size()) {
            throw new TokenizerFormatException(source + ": " + SCORES + " has " + scores.length
                    + " entries, expected one per token (" + tokens.size() + ")");
        }
        if (tokenTypes != null && tokenTypes.length != tokens.size()) {
            throw new TokenizerFormatException(source + ": " + TOKEN_TYPE + " has " + tokenTypes.length
                    + " entries, expected one per token (" + tokens.size() + ")");
        }
        checkId(source, BOS, bosId, tokens.size());
        checkId(source, EOS, OptionalInt.of(eosId), tokens.size());
        checkId(source, UNK, unkId, tokens.size());
    }

    /** Reads the tokenizer keys of {@code file}; a file without them fails naming the missing key. */
    public static GgufVocabulary read(GgufFile file) {
        String source = file.path().toString();
        String model = file.findString(MODEL).orElseThrow(() -> new TokenizerFormatException(source
                + ": no tokenizer in this GGUF file (metadata key " + MODEL + " is missing)"));
        List<String> tokens = require(file, source, TOKENS, () -> file.getStringArray(TOKENS));
        float[] scores = has(file, SCORES) ? file.getFloatArray(SCORES) : null;
        int[] types = has(file, TOKEN_TYPE) ? file.getIntArray(TOKEN_TYPE) : null;
        List<String> merges = has(file, MERGES) ? file.getStringArray(MERGES) : null;
        int eos = (int) file.findLong(EOS).orElseThrow(() -> new TokenizerFormatException(source
                + ": metadata key " + EOS + " is missing"));
        return new GgufVocabulary(source, file.findString("general.architecture").orElse(""), model,
                file.findString(PRE).orElse(null), tokens, scores, types, merges, optionalId(file, BOS), eos,
                optionalId(file, UNK), file.findBoolean(ADD_BOS), file.findBoolean(ADD_SPACE_PREFIX));
    }

    int tokenType(int id) {
        return tokenTypes == null ? 1 : tokenTypes[id];
    }

    private static boolean has(GgufFile file, String key) {
        return file.metadata().containsKey(key);
    }

    private static <T> T require(GgufFile file, String source, String key, java.util.function.Supplier<T> get) {
        if (!has(file, key)) {
            throw new TokenizerFormatException(source + ": metadata key " + key + " is missing");
        }
        return get.get();
    }

    private static OptionalInt optionalId(GgufFile file, String key) {
        var value = file.findLong(key);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private static void checkId(String source, String key, OptionalInt id, int vocabSize) {
        if (id.isPresent() && (id.getAsInt() < 0 || id.getAsInt() >= vocabSize)) {
            throw new TokenizerFormatException(source + ": " + key + " = " + id.getAsInt()
                    + " is outside the vocabulary of " + vocabSize + " tokens");
        }
    }
}
