package attendfirst.claim;

/**
 * Where a curve passes from one regime to the other, as a layer index with a confidence interval and as a
 * fraction of the depth. Defined on the swept k grid: the transition is the first swept k from which the
 * quantity stays on the far side of {@code level} at every later swept k (k < L). The interval comes from the
 * simultaneous band over all swept k: {@code lower} is the first k from which the band's favourable ends stay on
 * the far side, {@code upper} the first k from which the whole band does; when the band covers the curve at every
 * k (probability >= {@code confidence}), the true transition lies in [lower, upper]. {@code numLayers} (= L) in
 * {@code point} or {@code upper} means "not reached inside the model".
 *
 * @param definition one line: "first k from which headroom lost stays <= 0.5"
 */
public record Transition(String definition, int point, int lower, int upper, int numLayers, double confidence) {

    public Transition {
        if (!(lower <= point && point <= upper)) {
            throw new IllegalArgumentException("transition needs lower <= point <= upper, got " + lower + " <= "
                    + point + " <= " + upper);
        }
    }

    /** False when the interval's upper end is "not reached inside the model": no finite transition is shown. */
    public boolean determined() {
        return upper < numLayers;
    }

    public double fraction(int k) {
        return k / (double) numLayers;
    }

    /** "k=14 [12, 16] of L=30 = 0.47 [0.40, 0.53] of depth (first k from which ...; 95% simultaneous)" */
    public String describe() {
        if (!determined()) {
            return String.format("undetermined: the interval [%s, none<%d] is unbounded (the band never surely reaches"
                    + " the far side inside the model); point k=%s of L=%d (%s; %.0f%% simultaneous band)", k(lower),
                    numLayers, k(point), numLayers, definition, 100 * confidence);
        }
        return String.format("k=%s [%s, %s] of L=%d = %.2f [%.2f, %.2f] of depth (%s; %.0f%% simultaneous band)",
                k(point), k(lower), k(upper), numLayers, fraction(point), fraction(lower), fraction(upper),
                definition, 100 * confidence);
    }

    private String k(int k) {
        return k >= numLayers ? "none<" + numLayers : Integer.toString(k);
    }
}
