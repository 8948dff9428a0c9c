package attendfirst.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The one reading of a verdict's transition estimate in a claims summary, for the front page
 * ({@link SummaryFile}) and the model ladder ({@link LadderReader}) alike. Accepted as "transition" (or the older
 * "transitionLayer"): {@code k}/{@code kLower}/{@code kUpper} as {@link ClaimsSummary} writes them (null or L:
 * not reached inside the model), or the older {@code point}/{@code lower}/{@code upper} (fractions of depth, or
 * layers when above 1), also nested under "estimate".
 *
 * @param definition what the transition is, as the statistics define it (empty when not written)
 * @param k          the estimated layer; null when not reached inside the model
 * @param kLower     the interval's lower end; null when not reached
 * @param kUpper     the interval's upper end; null when not reached (unbounded above)
 * @param numLayers  the model's depth L
 */
public record SummaryTransition(String definition, Integer k, Integer kLower, Integer kUpper, int numLayers) {

    /** The verdict's transition, or null when it has none; throws naming {@code where} when it is malformed. */
    public static SummaryTransition read(JsonObject verdict, int numLayers, String where) {
        JsonElement te = verdict.get("transition");
        if (te == null || !te.isJsonObject()) {
            te = verdict.get("transitionLayer");
        }
        if (te == null || !te.isJsonObject()) {
            return null;
        }
        JsonObject t = te.getAsJsonObject();
        if (!t.has("point") && t.has("estimate") && t.get("estimate").isJsonObject()) {
            t = t.getAsJsonObject("estimate");
        }
        if (numLayers <= 0) {
            throw new IllegalArgumentException(where + ": a transition estimate needs the model's depth (numLayers)");
        }
        Integer k;
        Integer kLower;
        Integer kUpper;
        if (t.has("k") || t.has("kLower") || t.has("kUpper")) {
            k = integer(t, "k");
            kLower = integer(t, "kLower");
            kUpper = integer(t, "kUpper");
        } else if (t.has("point") && t.has("lower") && t.has("upper")) {
            // older form: point/lower/upper, fractions of depth or layers
            double scale = t.get("upper").getAsDouble() > 1.0 ? 1.0 : numLayers;
            k = (int) Math.round(t.get("point").getAsDouble() * scale);
            kLower = (int) Math.round(t.get("lower").getAsDouble() * scale);
            kUpper = (int) Math.round(t.get("upper").getAsDouble() * scale);
        } else {
            throw new IllegalArgumentException(where + ".transition: expected k/kLower/kUpper (or point/lower/upper), "
                    + "got " + t);
        }
        // k = L (or beyond) means not reached inside the model, as null does
        k = k != null && k >= numLayers ? null : k;
        kLower = kLower != null && kLower >= numLayers ? null : kLower;
        kUpper = kUpper != null && kUpper >= numLayers ? null : kUpper;
        if (kLower != null && k != null && kLower > k || k != null && kUpper != null && k > kUpper) {
            throw new IllegalArgumentException(where + ".transition: needs kLower <= k <= kUpper, got " + kLower
                    + " <= " + k + " <= " + kUpper);
        }
        JsonElement d = te.getAsJsonObject().get("definition");
        return new SummaryTransition(d == null || d.isJsonNull() ? "" : d.getAsString(), k, kLower, kUpper, numLayers);
    }

    /** A layer as a fraction of depth; null (not reached) stays null. */
    public Double fraction(Integer layer) {
        return layer == null ? null : layer / (double) numLayers;
    }

    /** "0.72 [0.67, 0.89] L", with "not reached" / "unbounded" for the ends past the last layer. */
    public String fractionText() {
        return (k == null ? "not reached" : fmt(fraction(k))) + " [" + (kLower == null ? "not reached"
                : fmt(fraction(kLower))) + ", " + (kUpper == null ? "unbounded" : fmt(fraction(kUpper))) + "] L";
    }

    private static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.2f", x);
    }

    private static Integer integer(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : (int) Math.round(e.getAsDouble());
    }
}
