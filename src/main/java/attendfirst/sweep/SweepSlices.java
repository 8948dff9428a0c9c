package attendfirst.sweep;

/**
 * Sweeps cut and joined along the example axis. Noise is keyed by (seed, example, layer, position), so a sweep
 * over examples A then B, joined, equals one sweep over A + B: a sequential run extends its sweep a round at a
 * time and judges every look on a prefix.
 */
public final class SweepSlices {

    private SweepSlices() {
    }

    /** The first {@code n} examples of {@code r} (r itself when it has exactly n). */
    public static SweepResult first(SweepResult r, int n) {
        if (n < 1 || n > r.numExamples()) {
            throw new IllegalArgumentException("cannot take the first " + n + " examples of " + r.model() + " | "
                    + r.task() + " | " + r.manipulation() + ", which has " + r.numExamples());
        }
        if (n == r.numExamples()) {
            return r;
        }
        double[][][] scores = new double[r.layers().length][r.seeds().length][]; // [k][seed][example]
        for (int k = 0; k < scores.length; k++) {
            for (int s = 0; s < scores[k].length; s++) {
                scores[k][s] = java.util.Arrays.copyOf(r.scores()[k][s], n);
            }
        }
        return new SweepResult(r.model(), r.numLayers(), r.task(), r.metric(), r.manipulation(), r.layers(),
                r.seeds(), scores, java.util.Arrays.copyOf(r.baseline(), n), r.chance(), r.chanceDerivation());
    }

    /** The examples of {@code a} followed by those of {@code b}; both must be the same sweep (grid, seeds). */
    public static SweepResult join(SweepResult a, SweepResult b) {
        if (!a.model().equals(b.model()) || !a.task().equals(b.task()) || !a.manipulation().equals(b.manipulation())
                || !java.util.Arrays.equals(a.layers(), b.layers()) || !java.util.Arrays.equals(a.seeds(), b.seeds())
                || !a.metric().equals(b.metric()) || a.chance() != b.chance()) {
            throw new IllegalArgumentException("cannot join sweeps of different plans: " + describe(a) + " and "
                    + describe(b));
        }
        int na = a.numExamples();
        int nb = b.numExamples();
        double[][][] scores = new double[a.layers().length][a.seeds().length][na + nb]; // [k][seed][example]
        for (int k = 0; k < scores.length; k++) {
            for (int s = 0; s < scores[k].length; s++) {
                System.arraycopy(a.scores()[k][s], 0, scores[k][s], 0, na);
                System.arraycopy(b.scores()[k][s], 0, scores[k][s], na, nb);
            }
        }
        double[] baseline = new double[na + nb];
        System.arraycopy(a.baseline(), 0, baseline, 0, na);
        System.arraycopy(b.baseline(), 0, baseline, na, nb);
        return new SweepResult(a.model(), a.numLayers(), a.task(), a.metric(), a.manipulation(), a.layers(),
                a.seeds(), scores, baseline, a.chance(), a.chanceDerivation());
    }

    private static String describe(SweepResult r) {
        return r.model() + " | " + r.task() + " | " + r.manipulation() + " k=" + java.util.Arrays.toString(r.layers())
                + " seeds=" + java.util.Arrays.toString(r.seeds()) + " metric " + r.metric() + " chance " + r.chance();
    }
}
