package attendfirst.claim;

/**
 * Percentile-bootstrap settings, read from the catalogue so that every number a verdict depends on sits in one
 * place. {@code why} records the provenance (these are the project's choices, not the paper's).
 */
public record BootstrapSettings(int resamples, double confidence, long seed, String why) {

    public BootstrapSettings {
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 100, got " + resamples);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("bootstrap confidence must be in (0.5, 1), got " + confidence);
        }
    }
}
