package attendfirst.task;

/**
 * The score a model reaches without the information the task tests, with a sentence saying how it
 * was obtained (e.g. "1/193: uniform guess over the capitals"). Claims about "dropping to chance"
 * compare against {@link #value()}.
 */
public record ChanceLevel(double value, String derivation) {
    public ChanceLevel {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("chance level must be in [0,1], got " + value + " (" + derivation + ")");
        }
        if (derivation == null || derivation.isBlank()) {
            throw new IllegalArgumentException("chance level " + value + " needs a derivation");
        }
    }
}
