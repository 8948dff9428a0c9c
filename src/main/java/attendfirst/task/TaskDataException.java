package attendfirst.task;

/** A dataset or fixture file is missing or malformed; the message names the file and the record. */
public class TaskDataException extends RuntimeException {
    public TaskDataException(String message) {
        super(message);
    }

    public TaskDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
