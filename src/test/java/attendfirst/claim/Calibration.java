package attendfirst.claim;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * SYNTHETIC sweeps with a known truth, for measuring the claim statistics (coverage, wrong-verdict rates). Never
 * used for claims about a model.
 *
 * <p>How a sweep is drawn: each example has a baseline score b_i (by task kind, below). At k, seed s the score is
 * y = b_i * U, with E[U] = mu(k) chosen so that the true headroom lost, (E b - E y) / (E b - chance), is exactly
 * the planted value. Binary tasks: U is 0/1 with an example-level propensity drawn from Beta (examples differ in
 * difficulty; seeds of one example share it). Continuous tasks: U ~ Beta per (example, seed).
 */
final class Calibration {

    enum Kind { KNOWN_BINARY, KNOWN_F1, BINARY, F1, ROUGE }

    /** One task of the main plan: n examples, the kind of score, the mean baseline, chance, seeds of random. */
    record Task(String name, int n, Kind kind, double baseMean, double chance, int seeds) {
        Task withN(int n) {
            return new Task(name, n, kind, baseMean, chance, seeds);
        }

        boolean binary() {
            return kind == Kind.KNOWN_BINARY || kind == Kind.BINARY;
        }
    }

    /**
     * The main plan's sizes: capitals on known examples (baseline 1), arithmetic (baseline about 0.6), the SQuAD
     * stand-in (F1: many 0 and 1, chance 0.25) and the CNN/DM stand-in (ROUGE-L about 0.3, chance about 0.12).
     */
    static final List<Task> MAIN_PLAN = List.of(
            new Task("capitals", 60, Kind.KNOWN_BINARY, 1.0, 1 / 193.0, 2),
            new Task("arithmetic", 40, Kind.KNOWN_BINARY, 1.0, 1 / 51.0, 2),
            new Task("squad", 24, Kind.KNOWN_F1, 1.0, 0.0, 2),
            new Task("capitals-full", 40, Kind.BINARY, 0.27, 1 / 193.0, 2));

    /** Example-level heterogeneity of binary propensities and spread of continuous scores (Beta precision). */
    private static final double KAPPA = 4;

    private final RandomGenerator rng;

    Calibration(long seed) {
        JDKRandomGenerator g = new JDKRandomGenerator();
        g.setSeed(seed);
        this.rng = g;
    }

    double[] baseline(Task t) {
        double[] b = new double[t.n()];
        for (int i = 0; i < b.length; i++) {
            b[i] = switch (t.kind()) {
                case KNOWN_BINARY, KNOWN_F1 -> 1;
                case BINARY -> rng.nextDouble() < t.baseMean() ? 1 : 0;
                // 25% zeros, 45% ones, 30% partial credit with mean 0.5: mean 0.6
                case F1 -> {
                    double u = rng.nextDouble();
                    yield u < 0.25 ? 0 : u < 0.70 ? 1 : beta(0.5);
                }
                case ROUGE -> beta(t.baseMean());
            };
        }
        return b;
    }

    /**
     * A sweep over k = 1..L-1 of {@code manipulation} on examples with baseline {@code base}, the true headroom
     * lost at k given by {@code lost}.
     */
    SweepResult sweep(Task t, String manipulation, int numLayers, double[] base, IntToDoubleFunction lost) {
        int[] layers = java.util.stream.IntStream.range(1, numLayers).toArray();
        int seeds = manipulation.equals("random") || manipulation.equals("shuffle") ? t.seeds() : 1;
        long[] seedIds = new long[seeds];
        for (int s = 0; s < seeds; s++) {
            seedIds[s] = s + 1;
        }
        double[][][] scores = new double[layers.length][seeds][t.n()];
        for (int ki = 0; ki < layers.length; ki++) {
            double mu = multiplier(t, lost.applyAsDouble(layers[ki]));
            for (int i = 0; i < t.n(); i++) {
                double propensity = t.binary() ? beta(mu) : Double.NaN;
                for (int s = 0; s < seeds; s++) {
                    double u = t.binary() ? (rng.nextDouble() < propensity ? 1 : 0) : beta(mu);
                    scores[ki][s][i] = base[i] * u;
                }
            }
        }
        return new SweepResult("synthetic", numLayers, t.name(), t.binary() ? "exact match" : "F1", manipulation,
                layers, seedIds, scores, base, t.chance(), "synthetic chance " + t.chance());
    }

    /** E[U] such that (m - m E[U]) / (m - chance) = lost, where m is the task's mean baseline. */
    static double multiplier(Task t, double lost) {
        double mu = 1 - lost * (t.baseMean() - t.chance()) / t.baseMean();
        if (mu < -1e-12 || mu > 1 + 1e-12) {
            throw new IllegalArgumentException("headroom lost " + lost + " not reachable on " + t.name());
        }
        return Math.max(0, Math.min(1, mu));
    }

    /**
     * A switch experiment: {@code countries} source countries with {@code perCountry} pairs each; at k the pairs of a
     * country share a propensity (Beta around the planted share), ignore with probability share(k), else conform.
     */
    SwitchResult switchSweep(int numLayers, int countries, int perCountry, IntToDoubleFunction ignoreShare) {
        int[] layers = java.util.stream.IntStream.range(0, numLayers).toArray();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < countries; c++) {
            for (int p = 0; p < perCountry; p++) {
                names.add("S" + c + "->I" + p);
            }
        }
        int[][] outcome = new int[numLayers][names.size()];
        for (int k = 0; k < numLayers; k++) {
            double share = ignoreShare.applyAsDouble(k);
            for (int c = 0; c < countries; c++) {
                double q = beta(share);
                for (int p = 0; p < perCountry; p++) {
                    outcome[k][c * perCountry + p] = rng.nextDouble() < q ? SwitchResult.IGNORED : SwitchResult.CONFORMED;
                }
            }
        }
        return new SwitchResult("synthetic", numLayers, layers, names, outcome);
    }

    /** True mean of a baseline drawn by {@link #baseline}. */
    static double trueBaseline(Task t) {
        return t.baseMean();
    }

    private double beta(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= 1) {
            return 1;
        }
        return new BetaDistribution(rng, mean * KAPPA, (1 - mean) * KAPPA).sample();
    }
}
