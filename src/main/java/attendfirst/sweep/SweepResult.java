package attendfirst.sweep;

import java.util.Arrays;

/**
 * Scores of one (model, task, manipulation) sweep. scores[kIndex][seedIndex][exampleIndex], each in [0,1].
 *
 * <p>{@code manipulation} is one of "random", "shuffle", "freeze", "skip-attention"; deterministic ones have
 * {@code seeds = {0}}. {@code baseline[exampleIndex]} is the unmanipulated score of that example; {@code layers}
 * are the k values swept (a strictly increasing subset of 0..numLayers).
 */
public record SweepResult(String model, int numLayers, String task, String metric, String manipulation,
                          int[] layers, long[] seeds, double[][][] scores, double[] baseline,
                          double chance, String chanceDerivation) {

    public SweepResult {
        String where = "SweepResult(" + model + ", " + task + ", " + manipulation + ")";
        requireText(model, where, "model");
        requireText(task, where, "task");
        requireText(metric, where, "metric");
        requireText(manipulation, where, "manipulation");
        requireText(chanceDerivation, where, "chanceDerivation");
        if (numLayers < 1) {
            throw new IllegalArgumentException(where + ": numLayers must be >= 1, got " + numLayers);
        }
        if (layers == null || layers.length == 0) {
            throw new IllegalArgumentException(where + ": layers must name at least one k");
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 0 || layers[i] > numLayers) {
                throw new IllegalArgumentException(where + ": layers[" + i + "] = " + layers[i]
                        + " outside 0.." + numLayers);
            }
            if (i > 0 && layers[i] <= layers[i - 1]) {
                throw new IllegalArgumentException(where + ": layers must be strictly increasing, got "
                        + Arrays.toString(layers));
            }
        }
        if (seeds == null || seeds.length == 0) {
            throw new IllegalArgumentException(where + ": seeds must hold at least one seed ({0} if deterministic)");
        }
        if (baseline == null || baseline.length == 0) {
            throw new IllegalArgumentException(where + ": baseline must hold at least one example");
        }
        checkUnit(baseline, where + ": baseline");
        if (scores == null || scores.length != layers.length) {
            throw new IllegalArgumentException(where + ": scores has " + (scores == null ? "null" : scores.length)
                    + " k rows, expected " + layers.length + " (one per layer)");
        }
        for (int k = 0; k < scores.length; k++) {
            if (scores[k] == null || scores[k].length != seeds.length) {
                throw new IllegalArgumentException(where + ": scores[" + k + "] has "
                        + (scores[k] == null ? "null" : scores[k].length) + " seed rows, expected " + seeds.length);
            }
            for (int s = 0; s < seeds.length; s++) {
                if (scores[k][s] == null || scores[k][s].length != baseline.length) {
                    throw new IllegalArgumentException(where + ": scores[" + k + "][" + s + "] has "
                            + (scores[k][s] == null ? "null" : scores[k][s].length) + " examples, expected "
                            + baseline.length + " (as baseline)");
                }
                checkUnit(scores[k][s], where + ": scores[" + k + "][" + s + "]");
            }
        }
        if (!(chance >= 0 && chance <= 1)) {
            throw new IllegalArgumentException(where + ": chance must be in [0,1], got " + chance);
        }
    }

    public int numExamples() {
        return baseline.length;
    }

    /** Index of k in {@link #layers()}, or -1 when k was not swept. */
    public int indexOfLayer(int k) {
        int i = Arrays.binarySearch(layers, k);
        return i >= 0 ? i : -1;
    }

    /** Mean over seeds and examples of the scores at kIndex. */
    public double meanScore(int kIndex) {
        double sum = 0;
        for (double[] seedRow : scores[kIndex]) {
            for (double v : seedRow) {
                sum += v;
            }
        }
        return sum / (seeds.length * (double) baseline.length);
    }

    public double meanBaseline() {
        return Arrays.stream(baseline).average().orElseThrow();
    }

    private static void requireText(String value, String where, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": " + field + " must be non-blank");
        }
    }

    private static void checkUnit(double[] values, String where) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(where + "[" + i + "] = " + values[i] + " outside [0,1]");
            }
        }
    }
}
