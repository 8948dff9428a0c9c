package attendfirst.claim;

import attendfirst.claim.stats.SequentialDesign;
import attendfirst.sweep.SweepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Calibration of the production procedure on SYNTHETIC sweeps with a known truth (never evidence about a model).
 * One replicate runs the path a real (model, task) takes: a pool drawn clean until the plan's n are solved
 * (clean accuracy p0), {@link Testability} decided once from it with the catalogue's thresholds, then the real
 * {@link SequentialRun} (its looks, alpha / looks per look, the scheduler) and the real {@link ClaimJudge} with
 * the committed catalogue's claims, bands, thresholds and per-end levels, on a sweep of the solved examples over
 * SmolLM2's grid (L = 30, stride 2), random with 2 seeds averaged, freeze / skip-attention deterministic.
 * Examples differ in difficulty (each example's chance of a hit at k is Beta with mean q(k) and concentration 2),
 * so the two seeds of an example are correlated as on a real model.
 *
 * <p>Truths sit on the least favourable side of each claim's bound: for "wrong HOLDS" the claim is false by a
 * hair (one k of the band past the bound for a "for every k" claim; every k just short of it for a "for some k"
 * claim); for "wrong REFUTED" it is true with the bound reached exactly (every k for "every", one k for "some").
 * The design bounds each wrong verdict by alpha/2 over all looks (one-sided ends at alpha / (2 looks) or
 * alpha / (2 looks m), Bonferroni over looks; see ClaimJudge.Ends).
 *
 * <p>Run {@code main} for the BENCHMARKS table with more replicates.
 */
final class ProcedureCalibration {

    static final int L = 30;
    static final int[] GRID = IntStream.rangeClosed(0, L / 2).map(i -> 2 * i).toArray(); // 0, 2, ..., 30
    static final double CONCENTRATION = 2;

    /** A task of the plan: its maximum n, chance level and the clean accuracy of the pool it is drawn from. */
    record PlanTask(String name, int n, int looks, double chance, double cleanAccuracy, int poolSize) {
    }

    /** The main plan's known-only tasks (pom.xml profile claims) and the reduced run's capitals (mvn test). */
    static final List<PlanTask> MAIN = List.of(
            new PlanTask("capitals", 60, 3, 1 / 193.0, 0.27, 188),
            new PlanTask("arithmetic", 40, 3, 1 / 51.0, 0.24, 400),
            new PlanTask("squad", 24, 3, 0.0, 0.70, 240),
            new PlanTask("capitals (reduced run)", 24, 1, 1 / 193.0, 0.27, 188),
            new PlanTask("squad (reduced run)", 16, 1, 0.0, 0.70, 160));

    enum Scenario { WRONG_HOLDS, WRONG_REFUTED }

    /** Wrong-verdict counts of one (claim, task, scenario). */
    record Row(String claim, String task, Scenario scenario, int reps, int testable, int wrong, double design) {
        double rate() {
            return wrong / (double) reps;
        }

        boolean withinTolerance() {
            return rate() <= 1.5 * design;
        }

        String line() {
            return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.4f | %.4f | %s |", claim, task,
                    scenario == Scenario.WRONG_HOLDS ? "wrong HOLDS" : "wrong REFUTED", reps, testable, rate(), design,
                    withinTolerance() ? "ok" : "TOO HIGH");
        }
    }

    private final ClaimCatalogue catalogue;
    private final ScoreIntervals intervals;
    private final SplittableRandom random;

    ProcedureCalibration(ScoreIntervals intervals, long seed) {
        this.catalogue = ClaimCatalogue.loadDefault();
        this.intervals = intervals;
        this.random = new SplittableRandom(seed);
    }

    ProcedureCalibration(long seed) {
        this(new ScoreIntervals(0.05), seed);
    }

    /** The claims calibrated: one of each headroom kind the known-only path judges. */
    static final List<String> CLAIMS = List.of("C1", "C2", "C4b", "C6b");

    Row run(String claimId, PlanTask task, Scenario scenario, int reps) {
        Claim claim = catalogue.claim(claimId);
        ClaimJudge judge = new ClaimJudge(catalogue, intervals);
        double alpha = catalogue.statistics().alpha();
        SequentialRun sequential = new SequentialRun(judge, new SequentialDesign(alpha, task.looks()));
        int wrong = 0;
        int testable = 0;
        for (int r = 0; r < reps; r++) {
            Testability.Pool pool = drawPool(task);
            SweepResult sweep = sweep(claim, task, scenario, pool.solved());
            SequentialRun.Rounds rounds = rounds(sweep, pool);
            SequentialRun.Decision d = sequential.run("synthetic", task.name(), List.of(claim), rounds).get(claim);
            if (d.look() > 0) {
                testable++;
            }
            Verdict.Outcome o = d.verdict().outcome();
            if (scenario == Scenario.WRONG_HOLDS ? o == Verdict.Outcome.HOLDS : o == Verdict.Outcome.REFUTED) {
                wrong++;
            }
        }
        return new Row(claimId, task.name(), scenario, reps, testable, wrong, alpha / 2);
    }

    /** Clean passes over the pool until n are solved: solved and evaluated, as EngineSweepProvider does. */
    private Testability.Pool drawPool(PlanTask task) {
        int solved = 0;
        int evaluated = 0;
        while (evaluated < task.poolSize() && solved < task.n()) {
            evaluated++;
            solved += random.nextDouble() < task.cleanAccuracy() ? 1 : 0;
        }
        return new Testability.Pool(solved, evaluated, task.chance(), "correct", true, L);
    }

    private static SequentialRun.Rounds rounds(SweepResult sweep, Testability.Pool pool) {
        Synthetic.MapProvider full = new Synthetic.MapProvider().with(sweep);
        SequentialRun.Rounds slices = SequentialRun.slicing(full, sweep.manipulation());
        return new SequentialRun.Rounds() {
            @Override
            public int maxExamples(String model, String task) {
                return slices.maxExamples(model, task);
            }

            @Override
            public attendfirst.claim.SweepProvider firstExamples(String model, String task, int n) {
                return slices.firstExamples(model, task, n);
            }

            @Override
            public Testability.Pool pool(String model, String task, String manipulation) {
                return pool;
            }
        };
    }

    /** The truth: headroom lost per swept k, on the least favourable side of the claim's bound. */
    double[] truth(Claim claim, Scenario scenario, int[] layers) {
        Comparison c = claim.comparison();
        int[] band = c.range().sweptKs(L, layers);
        double[] lost = new double[layers.length];
        int mid = band[band.length / 2];
        boolean every = c instanceof Comparison.NearBaselineAll;
        double bound = c instanceof Comparison.NearBaselineAll n ? n.eps().value()
                : c instanceof Comparison.NearChanceSome n ? 1 - n.delta().value()
                : ((Comparison.LargeDropSome) c).drop().value();
        double hair = 1e-6;
        for (int i = 0; i < layers.length; i++) {
            int k = layers[i];
            boolean inBand = IntStream.of(band).anyMatch(b -> b == k);
            if (k == L) {
                lost[i] = 0;
            } else if (!inBand) {
                lost[i] = every ? 1 : 0; // outside the band: far from any bound
            } else if (every) {
                // "<= bound at every k": false by a hair at one k / true with every k on the bound
                lost[i] = scenario == Scenario.WRONG_HOLDS ? (k == mid ? bound + hair : 0) : bound;
            } else {
                // ">= bound at some k": false by a hair at every k / true with one k on the bound
                lost[i] = scenario == Scenario.WRONG_HOLDS ? bound - hair : (k == mid ? bound : 0);
            }
        }
        return lost;
    }

    private SweepResult sweep(Claim claim, PlanTask task, Scenario scenario, int n) {
        String manipulation = claim.manipulation();
        boolean seeded = manipulation.equals("random") || manipulation.equals("shuffle");
        long[] seeds = seeded ? new long[] {0, 1} : new long[] {0};
        int[] layers = manipulation.equals("random") || manipulation.equals("shuffle") ? GRID
                : IntStream.of(GRID).filter(k -> k > 0).toArray();
        double[] lost = truth(claim, scenario, layers);
        double[] baseline = new double[n];
        java.util.Arrays.fill(baseline, 1.0);
        double[][][] scores = new double[layers.length][seeds.length][n];
        for (int i = 0; i < layers.length; i++) {
            double q = 1 - lost[i] * (1 - task.chance());
            for (int e = 0; e < n; e++) {
                double p = exampleShare(q);
                for (int s = 0; s < seeds.length; s++) {
                    scores[i][s][e] = layers[i] == L ? 1 : random.nextDouble() < p ? 1 : 0;
                }
            }
        }
        return new SweepResult("synthetic", L, task.name(), "exact match", manipulation, layers, seeds, scores,
                baseline, task.chance(), "synthetic chance");
    }

    /** An example's chance of a hit: Beta with mean q and concentration 2 (heterogeneous examples). */
    private double exampleShare(double q) {
        if (q <= 0 || q >= 1) {
            return q;
        }
        double a = q * CONCENTRATION;
        double b = (1 - q) * CONCENTRATION;
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    /** Marsaglia-Tsang gamma(shape, 1), with the shape < 1 boost. */
    private double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private double normal() {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u, 1e-300))) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Coverage of one end at one level: how often the Clopper-Pearson end used for headroom lost misses the true
     * mean score, on seed-averaged heterogeneous examples ({@code continuous}: F1-like scores in [0, 1]).
     */
    record Coverage(int n, double level, double truth, boolean continuous, int reps, int missLower, int missUpper) {
        boolean withinTolerance() {
            return missLower <= 1.5 * level * reps && missUpper <= 1.5 * level * reps;
        }

        String line() {
            return String.format(Locale.ROOT, "| %d | %.5f | %.2f | %s | %d | %.5f | %.5f | %s |", n, level, truth,
                    continuous ? "continuous [0,1]" : "2 seeds averaged", reps, missLower / (double) reps,
                    missUpper / (double) reps, withinTolerance() ? "ok" : "TOO HIGH");
        }
    }

    /** The interval ends of mean score at one-sided {@code level}: Clopper-Pearson, or the negative control. */
    interface Ends {
        double[] of(double[] v, double level);
    }

    static final Ends CLOPPER_PEARSON = (v, level) -> new double[] {ScoreIntervals.cpLower(v, level),
            ScoreIntervals.cpUpper(v, level)};

    /** Negative control: Wald, mean +- z sd / sqrt(n), anti-conservative near 0 and 1 (zero width at all-ones). */
    static final Ends WALD = (v, level) -> {
        double m = java.util.Arrays.stream(v).average().orElse(0);
        double ss = java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum();
        double half = new NormalDistribution().inverseCumulativeProbability(1 - level) * Math.sqrt(ss / v.length)
                / Math.sqrt(v.length);
        return new double[] {Math.max(0, m - half), Math.min(1, m + half)};
    };

    Coverage coverage(Ends ends, int n, double level, double q, boolean continuous, int reps) {
        int missLower = 0;
        int missUpper = 0;
        double[] v = new double[n];
        for (int r = 0; r < reps; r++) {
            for (int e = 0; e < n; e++) {
                double p = exampleShare(q);
                if (continuous) {
                    v[e] = p; // an F1-like score: the example's own value, mean q
                } else {
                    v[e] = ((random.nextDouble() < p ? 1 : 0) + (random.nextDouble() < p ? 1 : 0)) / 2.0;
                }
            }
            double[] lu = ends.of(v, level);
            missLower += lu[0] > q ? 1 : 0;
            missUpper += lu[1] < q ? 1 : 0;
        }
        return new Coverage(n, level, q, continuous, reps, missLower, missUpper);
    }

    /** The one-sided levels the judge uses on the main plan (3 looks) and the reduced run (1 look). */
    static List<Double> levelsUsed(ClaimCatalogue catalogue) {
        double alpha = catalogue.statistics().alpha();
        List<Double> out = new ArrayList<>();
        for (int looks : new int[] {1, 3}) {
            out.add(alpha / (2 * looks)); // "every" HOLDS ends, "some" REFUTED ends
            for (Claim c : catalogue.claims()) {
                if (c.isSwitch()) {
                    continue;
                }
                int m = c.comparison().range().sweptKs(L, GRID).length;
                double level = c.comparison() instanceof Comparison.TwoRegimes ? alpha / looks / (2 * m)
                        : alpha / (2 * looks * m);
                if (!out.contains(level)) {
                    out.add(level);
                }
            }
        }
        return out;
    }

    /** A ScoreIntervals whose headroom lost uses the Wald ends: the negative control of the verdict check. */
    static ScoreIntervals waldIntervals() {
        return new ScoreIntervals(0.05) {
            @Override
            public Estimate headroomLost(SweepResult r, int kIndex, double lowerAlpha, double upperAlpha) {
                double[] s = seedMeans(r, kIndex);
                double c = r.chance();
                double lo = (1 - WALD.of(s, lowerAlpha)[1]) / (1 - c);
                double hi = (1 - WALD.of(s, upperAlpha)[0]) / (1 - c);
                double point = (1 - java.util.Arrays.stream(s).average().orElse(0)) / (1 - c);
                return new Estimate(point, Math.min(lo, point), Math.max(hi, point), "Wald (negative control)");
            }
        };
    }

    /** BENCHMARKS: {@code java ... attendfirst.claim.ProcedureCalibration [reps]}. */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long t0 = System.nanoTime();
        System.out.println("| claim | task | wrong verdict | replicates | testable | rate | design | <= 1.5x |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String name : new String[] {"production (Clopper-Pearson)", "negative control (Wald)"}) {
            ProcedureCalibration cal = name.startsWith("production") ? new ProcedureCalibration(1)
                    : new ProcedureCalibration(waldIntervals(), 1);
            System.out.println("| **" + name + "** |  |  |  |  |  |  |  |");
            for (PlanTask t : MAIN) {
                for (String id : CLAIMS) {
                    for (Scenario s : Scenario.values()) {
                        System.out.println(cal.run(id, t, s, reps).line());
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| n | level | truth | scores | replicates | miss lower | miss upper | <= 1.5x level |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        ProcedureCalibration cal = new ProcedureCalibration(2);
        for (Map.Entry<String, Ends> m : Map.of("Clopper-Pearson", CLOPPER_PEARSON, "Wald (negative control)", WALD)
                .entrySet()) {
            System.out.println("| **" + m.getKey() + "** |  |  |  |  |  |  |  |");
            for (int n : new int[] {8, 20, 24, 40, 60}) {
                for (double level : levelsUsed(cal.catalogue)) {
                    for (double q : new double[] {0.5, 0.8, 0.95}) {
                        for (boolean continuous : new boolean[] {false, true}) {
                            System.out.println(cal.coverage(m.getValue(), n, level, q, continuous, 10 * reps).line());
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%d replicates per verdict row, %d per coverage row, %.0f s%n", reps,
                10 * reps, (System.nanoTime() - t0) / 1e9);
    }
}
