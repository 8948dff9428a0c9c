package attendfirst.task;

/** A text and the character range [start, end) of one word or name inside it. */
public record TextSpan(String text, int start, int end) {
    public TextSpan {
        if (start < 0 || end > text.length() || start >= end) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") does not fit text of length " + text.length());
        }
    }

    /** The characters the span covers, e.g. "France". */
    public String covered() {
        return text.substring(start, end);
    }
}
