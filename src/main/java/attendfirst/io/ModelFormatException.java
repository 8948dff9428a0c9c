package attendfirst.io;

/**
 * Every bad-input error of the weight readers: a missing or truncated file, a wrong magic number, an
 * unsupported version, tensor type or dtype, an unknown tensor name, a metadata key of the wrong type.
 * The message always names the file and the item (tensor, key, field) and says what was expected.
 */
public class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
