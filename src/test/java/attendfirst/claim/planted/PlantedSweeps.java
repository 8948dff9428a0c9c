package attendfirst.claim.planted;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * SYNTHETIC sweeps with a planted curve, for tests of the claim machinery only (never for claims about models).
 * Each example either "knows" the answer (probability {@code baseline}) or not; at layer k a knowing example
 * keeps its answer with probability {@code keep(k)}, and any example lost or unknown scores 1 by luck with
 * probability {@code chance}. So score(k) is about chance + (baseline - chance) * keep(k).
 */
public final class PlantedSweeps {

    private PlantedSweeps() {
    }

    /** keep(k) = logistic((k - transition) / width): low below the transition, 1 above. */
    public static IntToDoubleFunction step(double transition, double width) {
        return k -> 1 / (1 + Math.exp(-(k - transition) / width));
    }

    public static IntToDoubleFunction constant(double keep) {
        return k -> keep;
    }

    public static SweepResult sweep(String model, int numLayers, String task, String manipulation, int examples,
                                    int seeds, double baseline, double chance, IntToDoubleFunction keep, long rngSeed) {
        int firstK = "freeze".equals(manipulation) ? 1 : 0;
        int[] layers = IntStream.rangeClosed(firstK, numLayers).toArray();
        long[] seedValues = IntStream.range(0, seeds).mapToLong(i -> i).toArray();
        // the examples (who knows what, the baseline) depend on (model, task) only, as in a real run; the noise of
        // the manipulated runs also depends on the manipulation
        SplittableRandom examplesRng = new SplittableRandom((model + "|" + task).hashCode());
        SplittableRandom rng = new SplittableRandom(rngSeed);
        boolean[] knows = new boolean[examples];
        double[] base = new double[examples];
        for (int e = 0; e < examples; e++) {
            knows[e] = examplesRng.nextDouble() < baseline;
            base[e] = knows[e] || examplesRng.nextDouble() < chance ? 1 : 0;
        }
        double[][][] scores = new double[layers.length][seeds][examples];
        for (int i = 0; i < layers.length; i++) {
            double p = layers[i] == numLayers ? 1 : keep.applyAsDouble(layers[i]);
            for (int s = 0; s < seeds; s++) {
                for (int e = 0; e < examples; e++) {
                    boolean kept = knows[e] && rng.nextDouble() < p;
                    scores[i][s][e] = layers[i] == numLayers ? base[e] : kept || rng.nextDouble() < chance ? 1 : 0;
                }
            }
        }
        return new SweepResult(model, numLayers, task, "exact match", manipulation, layers, seedValues, scores, base,
                chance, "planted: synthetic chance " + chance);
    }

    /** Conform share falls and ignore share rises around {@code flipK}; a few pairs give something else. */
    public static SwitchResult switchSweep(String model, int numLayers, int pairs, double flipK, long rngSeed) {
        SplittableRandom rng = new SplittableRandom(rngSeed);
        int[] layers = IntStream.range(0, numLayers).toArray();
        List<String> names = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            names.add("country" + p + "->country" + ((p + 1) % pairs));
        }
        int[][] outcome = new int[numLayers][pairs];
        for (int k = 0; k < numLayers; k++) {
            double ignore = 1 / (1 + Math.exp(-(k - flipK) / 0.8));
            for (int p = 0; p < pairs; p++) {
                double u = rng.nextDouble();
                outcome[k][p] = u < 0.04 ? SwitchResult.OTHER : rng.nextDouble() < ignore ? SwitchResult.IGNORED
                        : SwitchResult.CONFORMED;
            }
        }
        return new SwitchResult(model, numLayers, layers, names, outcome);
    }
}
