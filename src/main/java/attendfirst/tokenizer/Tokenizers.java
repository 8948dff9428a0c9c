package attendfirst.tokenizer;

import attendfirst.io.gguf.GgufFile;
import java.nio.file.Path;

/** Where tokenizers come from: a GGUF file's own vocabulary, or a HF tokenizer.json directory. */
public final class Tokenizers {

    private Tokenizers() {
    }

    /**
     * The tokenizer described by {@code file}'s tokenizer.ggml.* metadata: "gpt2" gives byte-level BPE
     * (pre-tokeniser from tokenizer.ggml.pre), "llama" gives SentencePiece BPE.
     */
    public static Tokenizer fromGguf(GgufFile file) {
        return fromVocabulary(GgufVocabulary.read(file));
    }

    /** As {@link #fromGguf}, from vocabulary metadata already read (or built by hand in a test). */
    public static Tokenizer fromVocabulary(GgufVocabulary vocabulary) {
        return switch (vocabulary.model()) {
            case "gpt2" -> new ByteLevelBpeTokenizer(vocabulary);
            case "llama" -> new SentencePieceBpeTokenizer(vocabulary);
            default -> throw new TokenizerFormatException(vocabulary.source() + ": " + GgufVocabulary.MODEL + " = '"
                    + vocabulary.model() + "' is not supported; supported: gpt2 (byte-level BPE), llama (SentencePiece BPE)");
        };
    }

    /**
     * The tokenizer in {@code dir}/tokenizer.json, run by DJL's HuggingFace tokenizers, with BOS policy
     * and BOS/EOS tokens from {@code dir}/tokenizer_config.json when present.
     */
    public static Tokenizer fromHfDirectory(Path dir) {
        return HfDirectoryTokenizer.open(dir);
    }
}
