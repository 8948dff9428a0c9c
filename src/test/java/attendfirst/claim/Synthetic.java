package attendfirst.claim;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** SYNTHETIC sweeps and claims for tests of the machinery (never for claims about a model). */
final class Synthetic {

    /** Shares of the headroom (baseline - chance), as in the catalogue. */
    static final Threshold EPS = new Threshold(0.25, "ours", "test eps");
    static final Threshold DELTA = new Threshold(0.25, "ours", "test delta");
    static final Threshold MARGIN = new Threshold(0.05, "ours", "test margin");

    private Synthetic() {
    }

    /** n examples, the first {@code ones} scoring 1, the rest 0. */
    static double[] ones(int n, int ones) {
        return IntStream.range(0, n).mapToDouble(i -> i < ones ? 1 : 0).toArray();
    }

    /** A deterministic sweep (seeds {0}) over k = firstK..L, scores per k given by {@code perK}. */
    static SweepResult sweep(String manipulation, int numLayers, double[] baseline, double chance,
                             IntFunction<double[]> perK) {
        int firstK = manipulation.equals("freeze") ? 1 : 0;
        int[] layers = IntStream.rangeClosed(firstK, numLayers).toArray();
        double[][][] scores = new double[layers.length][1][];
        for (int i = 0; i < layers.length; i++) {
            scores[i][0] = layers[i] == numLayers ? baseline.clone() : perK.apply(layers[i]);
        }
        return new SweepResult("m", numLayers, "t", "exact match", manipulation, layers, new long[] {0}, scores,
                baseline, chance, "test chance");
    }

    static LayerRange range(String text, double from, double to) {
        return new LayerRange(from, to, text, "ours", "test range");
    }

    /** A band that starts at k >= minK. */
    static LayerRange range(String text, double from, double to, int minK) {
        return new LayerRange(from, to, minK, text, "ours", "test range");
    }

    static Claim claim(String id, String manipulation, Comparison comparison) {
        return new Claim(id, "test " + id, manipulation.equals("switch") ? "switch" : manipulation,
                "test words", manipulation, List.of("t"), comparison);
    }

    static ClaimJudge judge() {
        return new ClaimJudge(new ClaimCatalogue(Path.of("test-catalogue.json"),
                new StatisticsSettings(0.95, 1, "test"), MARGIN, List.of(claim("X", "random",
                new Comparison.NearBaselineAll(range("all", 0, 1), EPS)))));
    }

    /** A provider that hands out the given results and counts the calls. */
    static final class MapProvider implements SweepProvider {
        final Map<String, SweepResult> sweeps = new HashMap<>();
        SwitchResult switchResult;
        int calls;

        MapProvider with(SweepResult r) {
            sweeps.put(r.manipulation(), r);
            return this;
        }

        @Override
        public SweepResult sweep(String model, String task, String manipulation) {
            calls++;
            SweepResult r = sweeps.get(manipulation);
            if (r == null) {
                throw new IllegalArgumentException("no synthetic sweep for " + manipulation);
            }
            return r;
        }

        @Override
        public SwitchResult switchSweep(String model) {
            calls++;
            return switchResult;
        }
    }
}
