package attendfirst.claim;

/**
 * One number a verdict depends on, with where it comes from: "paper" (the paper's text or figure says so) or
 * "ours" (the project's choice, with the reason in {@code why}).
 */
public record Threshold(double value, String provenance, String why) {

    public Threshold {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold value must be finite, got " + value);
        }
        if (!"paper".equals(provenance) && !"ours".equals(provenance)) {
            throw new IllegalArgumentException("threshold provenance must be 'paper' or 'ours', got '" + provenance + "'");
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("threshold " + value + " needs a non-blank 'why'");
        }
    }

    /** "0.10 (ours: ...)" for failure messages. */
    public String cite() {
        return String.format("%.3f (%s: %s)", value, provenance, why);
    }
}
