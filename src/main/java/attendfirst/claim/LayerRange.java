package attendfirst.claim;

import java.util.Arrays;

/**
 * A band of layers given as fractions of the model's depth L, so one claim transfers between a 30-layer and a
 * 32-layer model. The band is half-open: k belongs to it when {@code ceil(from*L) <= k < ceil(to*L)}.
 *
 * <p>Rounding, spelled out: "top 40%" is [0.6, 1.0): for L=30 that is k = 18..29 (ceil(18.0) = 18, 12 layers),
 * for L=18 it is k = 11..17 (ceil(10.8) = 11). "Bottom 25%" is [0, 0.25): L=30 gives k = 0..7 (ceil(7.5) = 8).
 * k = L (no layer left to manipulate, the score is the baseline) is never inside a band, because ceil(1.0*L) = L
 * is exclusive. A tolerance of 1e-9 absorbs binary rounding of products such as 0.6*30.
 *
 * <p>{@code minK} drops the layers below it from the band: random(0) and skipAttention(0) remove the whole context,
 * so a claim about "early" layers is true there by construction; such bands start at k = 1 (layer 0 stays an
 * engineering sanity test, not a test of the paper).
 *
 * @param from lower fraction in [0,1], inclusive after rounding up
 * @param to   upper fraction in [0,1], exclusive after rounding up
 * @param minK the smallest k the band may hold (0 = no floor)
 * @param text       the band as written in the catalogue, for messages ("top 40%")
 * @param provenance "paper" or "ours", as for a {@link Threshold}
 * @param why        where the band comes from
 */
public record LayerRange(double from, double to, int minK, String text, String provenance, String why) {

    private static final double TOLERANCE = 1e-9;

    public LayerRange {
        if (!(from >= 0 && to <= 1 && from < to)) {
            throw new IllegalArgumentException("layer range needs 0 <= from < to <= 1, got from=" + from + " to=" + to);
        }
        if (minK < 0) {
            throw new IllegalArgumentException("layer range minK must be >= 0, got " + minK);
        }
        if (text == null || text.isBlank()) {
            text = String.format("[%.3fL, %.3fL)", from, to);
        }
        if (!"paper".equals(provenance) && !"ours".equals(provenance)) {
            throw new IllegalArgumentException("layer range " + text + ": provenance must be 'paper' or 'ours', got '"
                    + provenance + "'");
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("layer range " + text + " needs a non-blank 'why'");
        }
    }

    public LayerRange(double from, double to, String text, String provenance, String why) {
        this(from, to, 0, text, provenance, why);
    }

    /** First k of the band for a model of numLayers layers. */
    public int firstK(int numLayers) {
        return Math.max(minK, boundary(from, numLayers));
    }

    /** One past the last k of the band. */
    public int endK(int numLayers) {
        return boundary(to, numLayers);
    }

    /** Every integer k of the band, whether swept or not. */
    public int[] allKs(int numLayers) {
        int first = firstK(numLayers);
        int end = endK(numLayers);
        return java.util.stream.IntStream.range(first, end).toArray();
    }

    /** The swept k values that fall into the band, in increasing order. */
    public int[] sweptKs(int numLayers, int[] swept) {
        int first = firstK(numLayers);
        int end = endK(numLayers);
        return Arrays.stream(swept).filter(k -> k >= first && k < end).toArray();
    }

    /** "top 40% = k 18..29 of L=30" for reports. */
    public String describe(int numLayers) {
        int first = firstK(numLayers);
        int end = endK(numLayers);
        String ks = end > first ? "k " + first + ".." + (end - 1) : "no k";
        String floor = minK > boundary(from, numLayers) ? " (from k=" + minK + ": below it the claim is true by"
                + " construction)" : "";
        return text + " = " + ks + " of L=" + numLayers + floor;
    }

    static int boundary(double fraction, int numLayers) {
        return (int) Math.ceil(fraction * numLayers - TOLERANCE);
    }

    /** Parses "0.6", "2/3" or a percentage-free decimal; names the field in errors. */
    static double parseFraction(String raw, String where) {
        String s = raw.trim();
        try {
            double value;
            int slash = s.indexOf('/');
            if (slash >= 0) {
                value = Double.parseDouble(s.substring(0, slash).trim()) / Double.parseDouble(s.substring(slash + 1).trim());
            } else {
                value = Double.parseDouble(s);
            }
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(where + ": fraction " + raw + " outside [0,1]");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected a fraction like 0.6 or 2/3, got '" + raw + "'", e);
        }
    }
}
