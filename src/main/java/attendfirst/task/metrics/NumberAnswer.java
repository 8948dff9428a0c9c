package attendfirst.task.metrics;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the numeric answer a model generated: the first integer, optional sign, at the start of the text. */
public final class NumberAnswer {
    // Leading whitespace allowed; the answer must come first, so "the answer is 7" does not count.
    private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*(-?\\d+)(?![\\d.,]\\d)");

    private NumberAnswer() {}

    public static OptionalLong parse(String generated) {
        Matcher m = LEADING_INTEGER.matcher(generated);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }

    public static boolean matches(String generated, long expected) {
        OptionalLong got = parse(generated);
        return got.isPresent() && got.getAsLong() == expected;
    }
}
