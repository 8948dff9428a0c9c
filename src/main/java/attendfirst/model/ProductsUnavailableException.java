package attendfirst.model;

/** bfloat16 products were asked for where they cannot run; the message names why and the way out (float32). */
public class ProductsUnavailableException extends RuntimeException {
    public ProductsUnavailableException(String message) {
        super(message);
    }

    public ProductsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
