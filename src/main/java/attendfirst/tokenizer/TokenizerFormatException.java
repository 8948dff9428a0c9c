package attendfirst.tokenizer;

/** A tokenizer description (GGUF metadata, tokenizer.json) that is missing, malformed or unsupported. */
public final class TokenizerFormatException extends RuntimeException {

    public TokenizerFormatException(String message) {
        super(message);
    }

    public TokenizerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
