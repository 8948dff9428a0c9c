package attendfirst.claim;

import attendfirst.claim.PointCheck.Status;
import attendfirst.claim.Verdict.Outcome;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Judges a claim on one (model, task) so that a wrong verdict has probability at most alpha. The claim's m
 * checks (one per k of its band) are one family, and each end of a check's interval carries its own one-sided
 * error, chosen by what that end can decide:
 * <ul>
 *   <li>"for every k": HOLDS needs every check's interval on the required side. That is an intersection-union
 *       test: if the claim is false at some k*, HOLDS needs k*'s own end to be wrong, so the deciding ends need no
 *       correction for m: one-sided alpha/2 (the end of a two-sided 1 - alpha interval). REFUTED needs some check
 *       wholly on the wrong side: a union, so those ends are at alpha / (2m) (Bonferroni).</li>
 *   <li>"for some k": the mirror image: the ends that can make it HOLD (some k) at alpha / (2m), the ends that
 *       can REFUTE it (every k) at alpha/2.</li>
 *   <li>TWO_REGIMES: a best split is searched for, so its checks use a two-sided band simultaneous over every
 *       swept k (alpha / m two-sided per k); any split read off a covering band is right.</li>
 * </ul>
 * A truth either satisfies the claim or not, so only one kind of wrong verdict is possible for it, and its
 * probability is at most alpha/2 when the interval methods are exact, at most alpha if their one-sided errors
 * are up to twice nominal (measured in CalibrationTest). The shown interval of a check therefore has one level per end (in its method).
 * How intervals meet bounds, per quantifier:
 * <ul>
 *   <li>"for every k" (NEAR_BASELINE_ALL, DOMINATES, each side of SWITCH_FLIP and TWO_REGIMES): HOLDS when every
 *       k's interval is on the required side; REFUTED when some k's interval is wholly on the wrong side;
 *       otherwise INCONCLUSIVE. The decisive k is the worst one (least margin), or the most clearly violating
 *       one.</li>
 *   <li>"for some k" (NEAR_CHANCE_SOME, LARGE_DROP_SOME): HOLDS when some k's interval is wholly on the required
 *       side; REFUTED when every k's interval is wholly on the wrong side; otherwise INCONCLUSIVE. The decisive k
 *       is the best one (largest margin).</li>
 *   <li>TWO_REGIMES: HOLDS when some split (t1, t2) HOLDS, REFUTED when every split is REFUTED. The family is
 *       every swept k, so choosing the best split costs no extra error.</li>
 * </ul>
 * Whether a (model, task) is testable at all is decided once, before any sweep, from the clean pool
 * ({@link Testability}, applied by {@link SequentialRun}); the judge never re-decides it per look or per claim.
 */
public final class ClaimJudge {

    private final ScoreIntervals intervals;
    private final Threshold testabilityMargin;
    private final Threshold minSolved;
    private final double lookAlpha;

    public ClaimJudge(ClaimCatalogue catalogue) {
        this(catalogue, new ScoreIntervals(catalogue.statistics().alpha()));
    }

    /** With other interval methods (the calibration's negative control plugs an anti-conservative one in here). */
    public ClaimJudge(ClaimCatalogue catalogue, ScoreIntervals intervals) {
        this.intervals = intervals;
        this.testabilityMargin = catalogue.testabilityMargin();
        this.minSolved = catalogue.minSolved();
        // a judgement at the full sample is one of at most maxLooks looks; see SequentialDesign
        this.lookAlpha = catalogue.statistics().alpha() / catalogue.statistics().maxLooks();
    }

    /** The catalogue's testability margin over chance (of the pool's clean share; see {@link Testability}). */
    public Threshold testabilityMargin() {
        return testabilityMargin;
    }

    /** The catalogue's minimum of solved pool examples (see {@link Testability}). */
    public Threshold minSolved() {
        return minSolved;
    }

    /** One look at alpha / maxLooks of the catalogue's statistics. */
    public Verdict judge(Claim claim, String model, String task, SweepProvider provider) {
        return judge(claim, model, task, provider, lookAlpha);
    }

    /**
     * Judges at family-wise error {@code alpha}; a sequential run passes {@code SequentialDesign.lookAlpha(look)}
     * with the catalogue's alpha and maxLooks.
     */
    public Verdict judge(Claim claim, String model, String task, SweepProvider provider, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        // the comparison picks its own rule (one of the methods below); the judge never tests its type
        return claim.comparison().judge(this, new Cell(claim, model, task, provider, alpha));
    }

    /** One cell being judged: the claim on a model and task, its sweeps and the family-wise alpha. */
    record Cell(Claim claim, String model, String task, SweepProvider provider, double alpha) {
    }

    /** The claim's own sweep, its baseline and the swept k inside the comparison's band. */
    private record Swept(SweepResult r, Estimate base, int[] ks) {
    }

    private Swept swept(Cell cell) {
        SweepResult r = cell.provider().sweep(cell.model(), cell.task(), cell.claim().manipulation());
        // testability is decided once per (model, task) before any sweep (SequentialRun, Testability), never here
        return new Swept(r, intervals.baseline(r, cell.alpha()), ksInRange(r, cell.claim().comparison().range()));
    }

    Verdict nearBaselineAll(Comparison.NearBaselineAll n, Cell cell) {
        Swept s = swept(cell);
        Ends ends = Ends.of(true, false, cell.alpha(), s.ks().length);
        List<PointCheck> checks = lost(s.r(), s.ks(), ends, false, n.eps().value(), n.eps());
        return every(cell.claim(), s.r(), checks, s.base(), cell.alpha(), ends, cell.claim().manipulation()
                + "(k) loses at most " + n.eps().value() + " of the headroom at every k of "
                + n.range().describe(s.r().numLayers()));
    }

    Verdict nearChanceSome(Comparison.NearChanceSome n, Cell cell) {
        Swept s = swept(cell);
        Ends ends = Ends.of(false, true, cell.alpha(), s.ks().length);
        List<PointCheck> checks = lost(s.r(), s.ks(), ends, true, 1 - n.delta().value(), n.delta());
        return some(cell.claim(), s.r(), checks, s.base(), cell.alpha(), ends, cell.claim().manipulation()
                + "(k) falls to within " + n.delta().value() + " of the headroom above chance at some k of "
                + n.range().describe(s.r().numLayers()));
    }

    Verdict largeDropSome(Comparison.LargeDropSome n, Cell cell) {
        Swept s = swept(cell);
        Ends ends = Ends.of(false, true, cell.alpha(), s.ks().length);
        List<PointCheck> checks = lost(s.r(), s.ks(), ends, true, n.drop().value(), n.drop());
        return some(cell.claim(), s.r(), checks, s.base(), cell.alpha(), ends, cell.claim().manipulation()
                + "(k) loses at least " + n.drop().value() + " of the headroom at some k of "
                + n.range().describe(s.r().numLayers()));
    }

    Verdict dominates(Comparison.Dominates d, Cell cell) {
        Swept s = swept(cell);
        SweepResult r = s.r();
        int[] ks = s.ks();
        Claim claim = cell.claim();
        SweepResult other = cell.provider().sweep(cell.model(), cell.task(), d.other());
        int[] theirs = ksInRange(other, d.range());
        if (!Arrays.equals(ks, theirs)) {
            throw new IllegalStateException(claim.id() + " on " + cell.model() + " | " + cell.task() + ": "
                    + r.manipulation() + " and " + d.other() + " must be swept on one shared k grid inside "
                    + d.range().describe(r.numLayers()) + "; got " + Arrays.toString(ks) + " and "
                    + Arrays.toString(theirs));
        }
        Ends ends = Ends.of(true, true, cell.alpha(), ks.length);
        List<PointCheck> checks = new ArrayList<>();
        for (int k : ks) {
            Estimate gap = intervals.gap(r, r.indexOfLayer(k), other, other.indexOfLayer(k), ends.lower, ends.upper);
            checks.add(new PointCheck("(score(k) - score_" + d.other() + "(k)) / headroom", k, gap, true,
                    -d.eps().value(), d.eps()));
        }
        return every(claim, r, checks, s.base(), cell.alpha(), ends, r.manipulation() + "(k) scores at least "
                + d.other() + "(k) - " + d.eps().value() + " of the headroom at every k of "
                + d.range().describe(r.numLayers()));
    }

    Verdict twoRegimes(Comparison.TwoRegimes t, Cell cell) {
        Swept s = swept(cell);
        return TwoRegimesJudge.judge(cell.claim(), t, s.r(), intervals, s.base(), cell.alpha());
    }

    Verdict switchFlip(Comparison.SwitchFlip f, Cell cell) {
        return judgeSwitch(cell.claim(), f, cell.provider().switchSweep(cell.model()), cell.alpha());
    }

    private Verdict judgeSwitch(Claim claim, Comparison.SwitchFlip f, SwitchResult s, double alpha) {
        int first = f.range().firstK(s.numLayers());
        int end = f.range().endK(s.numLayers());
        List<Integer> judged = new ArrayList<>();
        for (int i = 0; i < s.layers().length; i++) {
            int k = s.layers()[i];
            if (k < first || (k >= end && k < s.numLayers())) {
                judged.add(i);
            }
        }
        Ends ends = Ends.of(true, true, alpha, Math.max(1, judged.size()));
        List<PointCheck> checks = new ArrayList<>();
        for (int i : judged) {
            int k = s.layers()[i];
            if (k < first) {
                checks.add(new PointCheck("conform share", k, intervals.switchShare(s, i, SwitchResult.CONFORMED,
                        ends.lower, ends.upper), true, f.conformShare().value(), f.conformShare()));
            } else {
                checks.add(new PointCheck("ignore share", k, intervals.switchShare(s, i, SwitchResult.IGNORED,
                        ends.lower, ends.upper), true, f.ignoreShare().value(), f.ignoreShare()));
            }
        }
        boolean below = checks.stream().anyMatch(p -> p.k() < first);
        boolean above = checks.stream().anyMatch(p -> p.k() >= end);
        if (!below || !above) {
            throw new IllegalStateException(claim.id() + ": switch sweep of " + s.model() + " needs swept k below "
                    + first + " and in " + end + ".." + (s.numLayers() - 1) + ", has " + Arrays.toString(s.layers()));
        }
        Aggregate a = all(checks);
        int units = ScoreIntervals.switchUnits(s);
        String what = "switch is obeyed below k=" + first + " and ignored from k=" + end + " ("
                + f.range().describe(s.numLayers()) + ", " + s.pairs().size() + " pairs from " + units
                + " source countries)";
        return new Verdict(claim, s.model(), "capitals", s.numLayers(), a.outcome, a.decisive, explain(a, what),
                checks, null, Double.NaN, alpha, checks.size(), ends.describe(), switchTransition(s, alpha),
                a.outcome == Outcome.INCONCLUSIVE ? examplesNeeded(a.decisive, units) : -1);
    }

    /** Where the ignore share comes to stay >= 0.5, from a band simultaneous over every swept k < L. */
    private Transition switchTransition(SwitchResult s, double alpha) {
        List<Integer> ks = new ArrayList<>();
        List<Estimate> est = new ArrayList<>();
        int m = (int) Arrays.stream(s.layers()).filter(k -> k < s.numLayers()).count();
        for (int i = 0; i < s.layers().length; i++) {
            if (s.layers()[i] < s.numLayers()) {
                ks.add(s.layers()[i]);
                est.add(intervals.switchShare(s, i, SwitchResult.IGNORED, alpha / m));
            }
        }
        return transition("first k from which the ignore share stays >= 0.5; paper: flips at k=17-22 of 32 ="
                + " 0.53-0.69 of depth", ks, est, 0.5, true, s.numLayers(), 1 - alpha);
    }

    /**
     * The transition on a swept grid (see {@link Transition}): the first k from which the quantity stays
     * >= level ({@code above}) or <= level at every later swept k.
     */
    static Transition transition(String definition, List<Integer> ks, List<Estimate> est, double level,
                                 boolean above, int numLayers, double confidence) {
        int point = numLayers;
        int lower = numLayers;
        int upper = numLayers;
        boolean pointOk = true;
        boolean lowerOk = true;
        boolean upperOk = true;
        for (int i = ks.size() - 1; i >= 0; i--) {
            Estimate e = est.get(i);
            // "favourable" end: the one that makes the far side look reached soonest
            double fav = above ? e.upper() : e.lower();
            double unfav = above ? e.lower() : e.upper();
            pointOk &= above ? e.point() >= level : e.point() <= level;
            lowerOk &= above ? fav >= level : fav <= level;
            upperOk &= above ? unfav >= level : unfav <= level;
            if (pointOk) {
                point = ks.get(i);
            }
            if (lowerOk) {
                lower = ks.get(i);
            }
            if (upperOk) {
                upper = ks.get(i);
            }
        }
        return new Transition(definition, point, lower, upper, numLayers, confidence);
    }

    static int[] ksInRange(SweepResult r, LayerRange range) {
        int[] ks = range.sweptKs(r.numLayers(), r.layers());
        if (ks.length == 0) {
            throw new IllegalStateException("sweep " + r.manipulation() + " of " + r.model() + " | " + r.task()
                    + " has no k in " + range.describe(r.numLayers()) + "; swept " + Arrays.toString(r.layers()));
        }
        return ks;
    }

    private List<PointCheck> lost(SweepResult r, int[] ks, Ends ends, boolean atLeast, double bound,
                                  Threshold threshold) {
        List<PointCheck> checks = new ArrayList<>();
        for (int k : ks) {
            checks.add(new PointCheck("headroom lost", k, intervals.headroomLost(r, r.indexOfLayer(k), ends.lower,
                    ends.upper), atLeast, bound, threshold));
        }
        return checks;
    }

    /**
     * One-sided errors of the two ends of every check of a family of m (see the class comment).
     *
     * @param every   "for every k" (else "for some k")
     * @param atLeast the checks read "quantity >= bound" (the lower end decides HOLDS for "every")
     */
    record Ends(double lower, double upper, String rule) {
        static Ends of(boolean every, boolean atLeast, double alpha, int m) {
            // alpha/2 per wrong-verdict direction: each deciding end is the end of a two-sided (1 - alpha) or
            // (1 - alpha/m) interval, the levels the calibration suite measures, which leaves a factor 2 of margin
            // for methods whose one-sided errors are uneven
            double holds = every ? alpha / 2 : alpha / (2 * m);
            double refutes = every ? alpha / (2 * m) : alpha / 2;
            String rule = every
                    ? String.format("HOLDS: every check's deciding end at one-sided %.4f = alpha/2 (intersection-union);"
                    + " REFUTED: some check's far end at one-sided %.4f = alpha/(2*%d) (Bonferroni)", alpha / 2,
                    alpha / (2 * m), m)
                    : String.format("HOLDS: some check's deciding end at one-sided %.4f = alpha/(2*%d) (Bonferroni);"
                    + " REFUTED: every check's far end at one-sided %.4f = alpha/2 (intersection-union)",
                    alpha / (2 * m), m, alpha / 2);
            return atLeast ? new Ends(holds, refutes, rule) : new Ends(refutes, holds, rule);
        }

        String describe() {
            return rule;
        }
    }

    static Verdict every(Claim claim, SweepResult r, List<PointCheck> checks, Estimate base, double alpha, Ends ends,
                         String what) {
        return verdict(claim, r, all(checks), checks, base, alpha, ends.describe(), what);
    }

    private static Verdict some(Claim claim, SweepResult r, List<PointCheck> checks, Estimate base, double alpha,
                                Ends ends, String what) {
        return verdict(claim, r, any(checks), checks, base, alpha, ends.describe(), what);
    }

    private static Verdict verdict(Claim claim, SweepResult r, Aggregate a, List<PointCheck> checks, Estimate base,
                                   double alpha, String errorControl, String what) {
        return new Verdict(claim, r.model(), r.task(), r.numLayers(), a.outcome, a.decisive, explain(a, what), checks,
                base, r.chance(), alpha, checks.size(), errorControl, null,
                a.outcome == Outcome.INCONCLUSIVE ? examplesNeeded(a.decisive, r.numExamples()) : -1);
    }

    /**
     * A power calculation from the decisive check: its interval's half-width h on the side facing the bound
     * shrinks as 1/sqrt(n), so n * (h / d)^2 units put it clear of the bound when the point estimate's distance
     * d to the bound is the true effect. Rounded up; {@link Verdict#UNREACHABLE} when d is (nearly) 0 or the
     * interval is unbounded (only finite intervals yield a number).
     */
    static int examplesNeeded(PointCheck c, int n) {
        Estimate e = c.estimate();
        if (Math.abs(e.lower()) >= attendfirst.claim.stats.Contrasts.LIMIT
                || Math.abs(e.upper()) >= attendfirst.claim.stats.Contrasts.LIMIT) {
            return Verdict.UNREACHABLE; // an unbounded interval has no half-width to extrapolate from
        }
        double d = Math.abs(e.point() - c.bound());
        double h = e.point() >= c.bound() ? e.point() - e.lower() : e.upper() - e.point();
        if (d < 1e-9) {
            return Verdict.UNREACHABLE;
        }
        double need = n * (h / d) * (h / d);
        return need > 1e6 ? Verdict.UNREACHABLE : Math.max(n + 1, (int) Math.ceil(need));
    }

    static String explain(Aggregate a, String what) {
        return switch (a.outcome) {
            case HOLDS -> "holds: " + what;
            case REFUTED -> "refuted: not (" + what + ")" + at(a.decisive);
            case INCONCLUSIVE -> "inconclusive: an interval straddles the bound for (" + what + ")" + at(a.decisive);
        };
    }

    private static String at(PointCheck c) {
        return c.k() >= 0 ? String.format(": at k=%d %s = %s vs bound %.3f", c.k(), c.quantity(), c.estimate(), c.bound())
                : "";
    }

    record Aggregate(Outcome outcome, PointCheck decisive) {
    }

    /** "for every check": see the class comment. */
    static Aggregate all(List<PointCheck> checks) {
        PointCheck worst = checks.stream().min(Comparator.comparingDouble(PointCheck::margin)).orElseThrow();
        if (checks.stream().anyMatch(c -> c.status() == Status.VIOLATED)) {
            // the most clearly violating check: its interval lies furthest on the wrong side
            PointCheck v = checks.stream().filter(c -> c.status() == Status.VIOLATED)
                    .min(Comparator.comparingDouble(ClaimJudge::farSideMargin)).orElseThrow();
            return new Aggregate(Outcome.REFUTED, v);
        }
        return new Aggregate(worst.status() == Status.SATISFIED ? Outcome.HOLDS : Outcome.INCONCLUSIVE, worst);
    }

    /** "for some check": see the class comment. */
    static Aggregate any(List<PointCheck> checks) {
        PointCheck best = checks.stream().max(Comparator.comparingDouble(PointCheck::margin)).orElseThrow();
        if (best.status() == Status.SATISFIED) {
            return new Aggregate(Outcome.HOLDS, best);
        }
        if (checks.stream().allMatch(c -> c.status() == Status.VIOLATED)) {
            return new Aggregate(Outcome.REFUTED, best);
        }
        PointCheck unclear = checks.stream().filter(c -> c.status() != Status.VIOLATED)
                .max(Comparator.comparingDouble(PointCheck::margin)).orElseThrow();
        return new Aggregate(Outcome.INCONCLUSIVE, unclear);
    }

    /** Margin of the far end of the interval: negative when even the favourable end is on the wrong side. */
    static double farSideMargin(PointCheck c) {
        return c.atLeast() ? c.estimate().upper() - c.bound() : c.bound() - c.estimate().lower();
    }
}
