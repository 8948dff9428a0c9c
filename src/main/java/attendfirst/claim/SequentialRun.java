package attendfirst.claim;

import attendfirst.claim.stats.SequentialDesign;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adaptive sampling of one (model, task): its examples are swept in rounds, round r covering the first n_r of at
 * most N (N r / maxLooks, {@link SequentialDesign#schedule}), and after each round every claim cell still
 * undecided is judged at {@link SequentialDesign#lookAlpha(int)}. A cell decided (HOLDS or REFUTED) at look r
 * keeps that verdict and is not judged again; sweeping stops when every cell is decided or N is reached. Because
 * every look spends alpha / maxLooks, the chance that any look of a cell gives a wrong verdict stays <= alpha
 * whatever the stopping rule (Bonferroni over looks). A cell undecided at the end keeps its last INCONCLUSIVE
 * verdict, which says how many examples it would need.
 */
public final class SequentialRun {

    /** Sweeps of a (model, task) on a prefix of its examples. */
    public interface Rounds {
        /** The largest number of examples the (model, task) can be swept on (N of the schedule). */
        int maxExamples(String model, String task);

        /** Sweeps of the first {@code n} examples (every manipulation on the same examples). */
        SweepProvider firstExamples(String model, String task, int n);

        /** Which examples these are, for the verdict ("known-only (clean accuracy on the pool: 53/188)"). */
        default String examplesNote(String model, String task) {
            return "";
        }

        /**
         * The (model, task)'s pool as its clean-only passes found it, before any sweep. This default reads it off
         * the baseline of the full sweep of {@code manipulation} (examples with baseline 1 are solved), for
         * providers that cannot run clean passes alone (synthetic sweeps).
         */
        default Testability.Pool pool(String model, String task, String manipulation) {
            attendfirst.sweep.SweepResult r = firstExamples(model, task, maxExamples(model, task))
                    .sweep(model, task, manipulation);
            int solved = (int) java.util.Arrays.stream(r.baseline()).filter(b -> b == 1).count();
            return new Testability.Pool(solved, r.numExamples(), r.chance(), "clean score 1",
                    solved == r.numExamples(), r.numLayers());
        }
    }

    /**
     * How many seconds a (model, task) may still spend on looks ({@link #NONE}: no limit). The main job's budget
     * gives each (model, task) an equal share of what is left of the run's minutes, so cheap tasks that stop
     * early leave their time to the ones after them.
     */
    public interface Budget {
        Budget NONE = (model, task) -> Double.POSITIVE_INFINITY;

        double secondsLeft(String model, String task);
    }

    /**
     * Where one cell's verdict was decided.
     *
     * @param verdict  the verdict (its explanation ends with {@link #describe()})
     * @param look     the look it was decided at (the last look when undecided)
     * @param examples the examples judged at that look
     * @param maxLooks looks of the design
     * @param alpha    the alpha spent at that look
     * @param decided  HOLDS or REFUTED
     * @param note     which examples ("known-only (clean accuracy on the pool: 53/188)"); "" when not known
     */
    public record Decision(Verdict verdict, int look, int examples, int maxLooks, double alpha, boolean decided,
                           String note) {

        public Decision(Verdict verdict, int look, int examples, int maxLooks, double alpha, boolean decided) {
            this(verdict, look, examples, maxLooks, alpha, decided, "");
        }

        /** The summary's fields of this decision. */
        public Map<String, Object> fields() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("look", look);
            out.put("maxLooks", maxLooks);
            out.put("n", examples);
            out.put("lookAlpha", alpha);
            out.put("decided", decided);
            if (note != null && !note.isBlank()) {
                out.put("examples", note);
            }
            out.put("sampling", describe());
            return out;
        }

        public String describe() {
            if (look == 0) {
                return "not swept: the (model, task) is not testable (decided once before any sweep)";
            }
            return String.format("%s at look %d of %d on n = %d examples, alpha %.4f at this look (Bonferroni over "
                    + "%d looks)", decided ? "decided" : "undecided", look, maxLooks, examples, alpha, maxLooks);
        }
    }

    private final ClaimJudge judge;
    private final SequentialDesign design;
    private final Budget budget;

    public SequentialRun(ClaimJudge judge, SequentialDesign design) {
        this(judge, design, Budget.NONE);
    }

    public SequentialRun(ClaimJudge judge, SequentialDesign design, Budget budget) {
        this.judge = judge;
        this.design = design;
        this.budget = budget;
    }

    public SequentialDesign design() {
        return design;
    }

    /**
     * Judges {@code claims} (none of them the switch) on one (model, task) in rounds; one decision per claim.
     * <ol>
     *   <li>Testability, once, from the pool's clean passes ({@link Testability}): a (model, task) that is not
     *       testable gets one INCONCLUSIVE verdict per claim saying so, and is never swept.</li>
     *   <li>Looks at the schedule's sizes, each at alpha / maxLooks; a decided cell keeps its verdict.</li>
     *   <li>The scheduler, between looks: the open cells' smallest finite "examples needed" picks the next look
     *       (looks that cannot decide are skipped; skipping a look spends none of its alpha, so the Bonferroni
     *       bound over looks still holds); when no open cell can decide within the plan's maximum N, or the next
     *       look's measured cost (seconds per example of this (model, task) times the examples it adds) exceeds
     *       the budget left, the (model, task) stops and its verdicts say why and what n they would need.</li>
     * </ol>
     */
    public Map<Claim, Decision> run(String model, String task, List<Claim> claims, Rounds rounds) {
        for (Claim c : claims) {
            if (c.isSwitch()) {
                throw new IllegalArgumentException(c.id() + " is the switch claim: judged once at its fixed size");
            }
        }
        Testability.Pool pool = rounds.pool(model, task, claims.get(0).manipulation());
        Testability testability = Testability.decide(pool, judge.minSolved(), judge.testabilityMargin());
        String base = rounds.examplesNote(model, task);
        String note = (base == null || base.isBlank() ? "" : base + "; ") + testability.share()
                + (pool.knownOnly() ? ", judged on solved examples only" : ", judged on every drawn example (full set)");
        if (!testability.testable()) {
            return untestable(model, task, claims, pool, testability, note);
        }
        int max = rounds.maxExamples(model, task);
        // a single example cannot be split into rounds: every look would see it, so it gets one
        int[] schedule = max >= 2 ? design.schedule(max) : java.util.stream.IntStream.generate(() -> max)
                .limit(design.maxLooks()).toArray();
        Map<Claim, Decision> decided = new LinkedHashMap<>();
        Map<Claim, Decision> last = new LinkedHashMap<>();
        int previous = 0;
        double secondsPerExample = Double.NaN;
        String stop = "";
        for (int look = 1; look <= design.maxLooks() && decided.size() < claims.size(); look++) {
            int n = schedule[look - 1];
            if (n == previous) {
                continue; // too few examples for this many looks: the look would see the same data
            }
            if (look > 1) {
                int need = last.entrySet().stream().filter(e -> !decided.containsKey(e.getKey()))
                        .mapToInt(e -> e.getValue().verdict().examplesNeeded())
                        .filter(x -> x > 0 && x != Verdict.UNREACHABLE).min().orElse(Verdict.UNREACHABLE);
                if (need == Verdict.UNREACHABLE) {
                    stop = "stopped after n = " + previous + ": no open cell has a finite interval off its bound to"
                            + " extrapolate from (estimate on the bound or interval unbounded)";
                    break;
                }
                if (need > max) {
                    stop = "stopped after n = " + previous + ": the open cells need about " + need
                            + " examples, more than the plan's " + max;
                    break;
                }
                if (n < need && look < design.maxLooks()) {
                    continue; // this look is predicted not to decide: go on to the first look with n >= need
                }
                double cost = secondsPerExample * (n - previous);
                double left = budget.secondsLeft(model, task);
                if (cost > left) {
                    stop = String.format("stopped after n = %d by the budget: the next look (n = %d) would take about"
                            + " %.0f s at %.2f s per example, %.0f s left; the open cells need about %d examples",
                            previous, n, cost, secondsPerExample, Math.max(0, left), need);
                    break;
                }
            }
            long t0 = System.nanoTime();
            SweepProvider sweeps = rounds.firstExamples(model, task, n);
            double alpha = design.lookAlpha(look);
            for (Claim c : claims) {
                if (decided.containsKey(c)) {
                    continue;
                }
                Verdict v = judge.judge(c, model, task, sweeps, alpha);
                boolean done = v.outcome() != Verdict.Outcome.INCONCLUSIVE;
                Decision d = new Decision(v, look, n, design.maxLooks(), alpha, done);
                last.put(c, d);
                if (done) {
                    decided.put(c, d);
                }
            }
            secondsPerExample = (System.nanoTime() - t0) / 1e9 / (n - previous);
            previous = n;
        }
        Map<Claim, Decision> out = new LinkedHashMap<>();
        for (Claim c : claims) {
            Decision d = last.get(c);
            String cellNote = note + (d.decided() || stop.isEmpty() ? "" : "; " + stop);
            out.put(c, new Decision(annotate(d.verdict(), d, cellNote), d.look(), d.examples(), d.maxLooks(),
                    d.alpha(), d.decided(), cellNote));
        }
        return out;
    }

    private Map<Claim, Decision> untestable(String model, String task, List<Claim> claims, Testability.Pool pool,
                                            Testability t, String note) {
        Map<Claim, Decision> out = new LinkedHashMap<>();
        double alpha = design.lookAlpha(1);
        Estimate solved = new Estimate(t.solved(), t.solved(), t.solved(), "count of the clean pool");
        for (Claim c : claims) {
            PointCheck check = new PointCheck("solved examples of the pool", -1, solved, true,
                    judge.minSolved().value(), judge.minSolved());
            Verdict v = new Verdict(c, model, task, pool.numLayers(), Verdict.Outcome.INCONCLUSIVE, check,
                    t.reason(), List.of(), null, pool.chance(), alpha, 1,
                    "testability decided once per (model, task) before any sweep; no sweep was run", null, -1);
            Decision d = new Decision(v, 0, 0, design.maxLooks(), alpha, false, note);
            out.put(c, new Decision(annotate(v, d, note), 0, 0, design.maxLooks(), alpha, false, note));
        }
        return out;
    }

    /** The verdict with its look, n, alpha and (when known) which examples in its explanation. */
    public static Verdict annotate(Verdict v, Decision d, String note) {
        String extra = " [" + d.describe() + (note == null || note.isBlank() ? "" : "; examples: " + note) + "]";
        return new Verdict(v.claim(), v.model(), v.task(), v.numLayers(), v.outcome(), v.decisive(),
                v.explanation() + extra, v.checks(), v.baseline(), v.chance(), v.alpha(), v.familySize(),
                v.errorControl(), v.transition(), v.examplesNeeded());
    }

    /**
     * Rounds cut from sweeps over every example (a provider that cannot sweep a range): each look judges the
     * first n examples of the full sweeps. {@code manipulation} is any manipulation the provider sweeps (it
     * tells N).
     */
    public static Rounds slicing(SweepProvider full, String manipulation) {
        return new Rounds() {
            @Override
            public int maxExamples(String model, String task) {
                return full.sweep(model, task, manipulation).numExamples();
            }

            @Override
            public SweepProvider firstExamples(String model, String task, int n) {
                return new SweepProvider() {
                    @Override
                    public attendfirst.sweep.SweepResult sweep(String m, String t, String man) {
                        return attendfirst.sweep.SweepSlices.first(full.sweep(m, t, man), n);
                    }

                    @Override
                    public attendfirst.sweep.SwitchResult switchSweep(String m) {
                        return full.switchSweep(m);
                    }
                };
            }
        };
    }

    /** The claims of {@code cases} grouped by (model, task), switch claims left out, in order. */
    public static Map<List<String>, List<Claim>> groups(List<ClaimCase> cases) {
        Map<List<String>, List<Claim>> out = new LinkedHashMap<>();
        for (ClaimCase c : cases) {
            if (!c.claim().isSwitch()) {
                out.computeIfAbsent(List.of(c.model(), c.task()), k -> new ArrayList<>()).add(c.claim());
            }
        }
        return out;
    }
}
