package attendfirst;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Locale;
import java.util.stream.DoubleStream;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.data.Offset;

/**
 * AssertJ assertion for logits and layer inputs against a reference (the naive runner, transformers' golden files):
 * {@code assertThatLogits(logits).as("k=3").isCloseTo(expected, within(1e-4))}. A failure states the largest
 * difference, where it is, both values and the bound. The static measures serve tests that also print the number.
 */
public final class LogitsAssert extends AbstractAssert<LogitsAssert, float[]> {

    private LogitsAssert(float[] actual) {
        super(actual, LogitsAssert.class);
    }

    public static LogitsAssert assertThatLogits(float[] actual) {
        return new LogitsAssert(actual);
    }

    /** Every value within {@code offset} of the same index of {@code expected} (same length). */
    public LogitsAssert isCloseTo(float[] expected, Offset<Double> offset) {
        return isCloseTo(widen(expected), offset);
    }

    /** As {@link #isCloseTo(float[], Offset)}, {@code expected} a nested JSON number array flattened row-major. */
    public LogitsAssert isCloseTo(JsonArray expected, Offset<Double> offset) {
        return isCloseTo(flatten(expected), offset);
    }

    public LogitsAssert isCloseTo(double[] expected, Offset<Double> offset) {
        return within(expected, offset, false);
    }

    /**
     * Every value within {@code offset} of {@code expected} on the scale max(1, |expected|): absolute for small
     * values, relative for large ones.
     */
    public LogitsAssert isScaledCloseTo(double[] expected, Offset<Double> offset) {
        return within(expected, offset, true);
    }

    /** The values at the ids of {@code top} ([id, value] pairs, e.g. transformers' top 20) within {@code offset}. */
    public LogitsAssert isCloseAtIdsTo(JsonArray top, Offset<Double> offset) {
        isNotNull();
        float[] at = new float[top.size()];
        double[] expected = new double[top.size()];
        for (int i = 0; i < top.size(); i++) {
            JsonArray pair = top.get(i).getAsJsonArray();
            at[i] = actual[pair.get(0).getAsInt()];
            expected[i] = pair.get(1).getAsDouble();
        }
        return new LogitsAssert(at).as(descriptionText() + " (at the reference's ids)").isCloseTo(expected, offset);
    }

    private LogitsAssert within(double[] expected, Offset<Double> offset, boolean scaled) {
        isNotNull();
        if (actual.length != expected.length) {
            failWithMessage("expected %d values, got %d", expected.length, actual.length);
        }
        int worst = worstIndex(actual, expected, scaled);
        if (worst < 0) {
            return this;
        }
        double diff = diff(actual[worst], expected[worst], scaled);
        boolean ok = offset.strict ? diff < offset.value : diff <= offset.value;
        if (!ok) {
            failWithMessage(String.format(Locale.ROOT, "max %s = %.4g at index %d (actual %s, expected %s), bound %s%s",
                    scaled ? "|actual - expected| / max(1, |expected|)" : "|actual - expected|", diff, worst,
                    actual[worst], expected[worst], offset.strict ? "< " : "<= ", offset.value));
        }
        return this;
    }

    /** max |actual - expected| over equal-length arrays. */
    public static double maxAbsDiff(float[] actual, double[] expected) {
        int i = worstIndex(actual, expected, false);
        return i < 0 ? 0 : diff(actual[i], expected[i], false);
    }

    public static double maxAbsDiff(float[] actual, float[] expected) {
        return maxAbsDiff(actual, widen(expected));
    }

    /** max |actual - expected| / max(1, |expected|) over equal-length arrays. */
    public static double maxScaledDiff(float[] actual, double[] expected) {
        int i = worstIndex(actual, expected, true);
        return i < 0 ? 0 : diff(actual[i], expected[i], true);
    }

    /** max |actual[id] - value| over the [id, value] pairs of {@code top}. */
    public static double maxAbsDiffAtIds(float[] actual, JsonArray top) {
        double worst = 0;
        for (JsonElement e : top) {
            JsonArray pair = e.getAsJsonArray();
            worst = Math.max(worst, Math.abs(actual[pair.get(0).getAsInt()] - pair.get(1).getAsDouble()));
        }
        return worst;
    }

    /** A nested JSON number array, flattened row-major. */
    public static double[] flatten(JsonArray a) {
        return flat(a).toArray();
    }

    private static DoubleStream flat(JsonArray a) {
        return a.asList().stream().flatMapToDouble(e -> e.isJsonArray() ? flat(e.getAsJsonArray())
                : DoubleStream.of(e.getAsDouble()));
    }

    private static int worstIndex(float[] actual, double[] expected, boolean scaled) {
        if (actual.length != expected.length) {
            throw new AssertionError("expected " + expected.length + " values, got " + actual.length);
        }
        int worst = -1;
        double max = -1;
        for (int i = 0; i < actual.length; i++) {
            double d = diff(actual[i], expected[i], scaled);
            if (d > max || Double.isNaN(d)) {
                max = d;
                worst = i;
                if (Double.isNaN(d)) {
                    break;
                }
            }
        }
        return worst;
    }

    private static double diff(float actual, double expected, boolean scaled) {
        double d = Math.abs(actual - expected);
        return scaled ? d / Math.max(1.0, Math.abs(expected)) : d;
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
