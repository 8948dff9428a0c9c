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
 * Judges a claim on one (model, task). How intervals meet bounds, per quantifier:
 * <ul>
 *   <li>"for every k" (NEAR_BASELINE_ALL, DOMINATES, each side of SWITCH_FLIP and TWO_REGIMES): HOLDS when every
 *       k's interval is on the required side; REFUTED when some k's interval is wholly on the wrong side;
 *       otherwise INCONCLUSIVE. The decisive k is the worst one (least margin), or the most clearly violating
 *       one. No multiplicity correction: HOLDS needs every interval, which is the conservative direction.</li>
 *   <li>"for some k" (NEAR_CHANCE_SOME, LARGE_DROP_SOME): HOLDS when some k's interval is wholly on the required
 *       side; REFUTED when every k's interval is wholly on the wrong side; otherwise INCONCLUSIVE. The decisive k
 *       is the best one (largest margin).</li>
 *   <li>TWO_REGIMES: HOLDS when some split (t1, t2) HOLDS, REFUTED when every split is REFUTED.</li>
 * </ul>
 * Before any of this, a (model, task) whose baseline CI lower bound is <= chance + testabilityMargin is
 * INCONCLUSIVE: a drop to chance or a return to baseline cannot be told apart there.
 */
public final class ClaimJudge {

    private final Threshold testabilityMargin;
    private final Bootstrap bootstrap;

    public ClaimJudge(ClaimCatalogue catalogue) {
        this.testabilityMargin = catalogue.testabilityMargin();
        this.bootstrap = new Bootstrap(catalogue.statistics());
    }

    public Verdict judge(Claim claim, String model, String task, SweepProvider provider) {
        if (claim.comparison() instanceof Comparison.SwitchFlip flip) {
            return judgeSwitch(claim, flip, provider.switchSweep(model));
        }
        SweepResult r = provider.sweep(model, task, claim.manipulation());
        Estimate base = bootstrap.baseline(r);
        PointCheck testable = new PointCheck("baseline", -1, base, true, r.chance() + testabilityMargin.value(),
                testabilityMargin);
        if (testable.margin() <= 0) {
            return new Verdict(claim, model, task, r.numLayers(), Outcome.INCONCLUSIVE, testable,
                    String.format("not testable: baseline %s is not clear of chance %.3f + margin %.3f (%s)",
                            base, r.chance(), testabilityMargin.value(), r.chanceDerivation()),
                    List.of(), base, r.chance());
        }
        Comparison c = claim.comparison();
        int[] ks = ksInRange(r, c.range());
        // instanceof chain: pattern matching for switch is not final in Java 17
        if (c instanceof Comparison.NearBaselineAll n) {
            List<PointCheck> checks = perK(r, ks, bootstrap.minusBaseline(r), "score(k) - baseline", true,
                    -n.eps().value(), n.eps());
            return every(claim, r, checks, base, claim.manipulation() + "(k) stays within " + n.eps().value()
                    + " of baseline at every k of " + c.range().describe(r.numLayers()));
        }
        if (c instanceof Comparison.NearChanceSome n) {
            List<PointCheck> checks = perK(r, ks, bootstrap.meanScore(r), "score(k)", false,
                    r.chance() + n.delta().value(), n.delta());
            return some(claim, r, checks, base, claim.manipulation() + "(k) falls to within " + n.delta().value()
                    + " of chance at some k of " + c.range().describe(r.numLayers()));
        }
        if (c instanceof Comparison.LargeDropSome n) {
            List<PointCheck> checks = perK(r, ks, bootstrap.headroomLost(r), "headroom lost", true,
                    n.drop().value(), n.drop());
            return some(claim, r, checks, base, claim.manipulation() + "(k) loses at least " + n.drop().value()
                    + " of the above-chance headroom at some k of " + c.range().describe(r.numLayers()));
        }
        if (c instanceof Comparison.Dominates d) {
            SweepResult other = provider.sweep(model, task, d.other());
            int[] both = Arrays.stream(ks).filter(k -> other.indexOfLayer(k) >= 0).toArray();
            if (both.length == 0) {
                throw new IllegalStateException(claim.id() + ": no k of " + c.range().describe(r.numLayers())
                        + " swept by both " + r.manipulation() + " and " + other.manipulation());
            }
            Estimate[] diff = bootstrap.difference(r, other, both);
            List<PointCheck> checks = new ArrayList<>();
            for (int i = 0; i < both.length; i++) {
                checks.add(new PointCheck("score(k) - score_" + d.other() + "(k)", both[i], diff[i], true,
                        -d.eps().value(), d.eps()));
            }
            return every(claim, r, checks, base, r.manipulation() + "(k) scores at least " + d.other()
                    + "(k) - " + d.eps().value() + " at every k of " + c.range().describe(r.numLayers()));
        }
        if (c instanceof Comparison.TwoRegimes t) {
            return TwoRegimesJudge.judge(claim, t, r, bootstrap, base);
        }
        throw new IllegalStateException("unhandled comparison " + c.kind() + " of claim " + claim.id());
    }

    private Verdict judgeSwitch(Claim claim, Comparison.SwitchFlip f, SwitchResult s) {
        int first = f.range().firstK(s.numLayers());
        int end = f.range().endK(s.numLayers());
        Estimate[] conform = bootstrap.switchShare(s, SwitchResult.CONFORMED);
        Estimate[] ignore = bootstrap.switchShare(s, SwitchResult.IGNORED);
        List<PointCheck> checks = new ArrayList<>();
        for (int i = 0; i < s.layers().length; i++) {
            int k = s.layers()[i];
            if (k < first) {
                checks.add(new PointCheck("conform share", k, conform[i], true, f.conformShare().value(),
                        f.conformShare()));
            } else if (k >= end && k < s.numLayers()) {
                checks.add(new PointCheck("ignore share", k, ignore[i], true, f.ignoreShare().value(),
                        f.ignoreShare()));
            }
        }
        boolean below = checks.stream().anyMatch(p -> p.k() < first);
        boolean above = checks.stream().anyMatch(p -> p.k() >= end);
        if (!below || !above) {
            throw new IllegalStateException(claim.id() + ": switch sweep of " + s.model() + " needs swept k below "
                    + first + " and in " + end + ".." + (s.numLayers() - 1) + ", has " + Arrays.toString(s.layers()));
        }
        Aggregate a = all(checks);
        String what = "switch is obeyed below k=" + first + " and ignored from k=" + end + " ("
                + f.range().describe(s.numLayers()) + ", " + s.pairs().size() + " pairs)";
        return new Verdict(claim, s.model(), "capitals", s.numLayers(), a.outcome, a.decisive,
                explain(a, what), checks, null, Double.NaN);
    }

    static int[] ksInRange(SweepResult r, LayerRange range) {
        int[] ks = range.sweptKs(r.numLayers(), r.layers());
        if (ks.length == 0) {
            throw new IllegalStateException("sweep " + r.manipulation() + " of " + r.model() + " | " + r.task()
                    + " has no k in " + range.describe(r.numLayers()) + "; swept " + Arrays.toString(r.layers()));
        }
        return ks;
    }

    private static List<PointCheck> perK(SweepResult r, int[] ks, Estimate[] byLayerIndex, String quantity,
                                         boolean atLeast, double bound, Threshold threshold) {
        List<PointCheck> checks = new ArrayList<>();
        for (int k : ks) {
            checks.add(new PointCheck(quantity, k, byLayerIndex[r.indexOfLayer(k)], atLeast, bound, threshold));
        }
        return checks;
    }

    static Verdict every(Claim claim, SweepResult r, List<PointCheck> checks, Estimate base, String what) {
        Aggregate a = all(checks);
        return new Verdict(claim, r.model(), r.task(), r.numLayers(), a.outcome, a.decisive, explain(a, what),
                checks, base, r.chance());
    }

    private static Verdict some(Claim claim, SweepResult r, List<PointCheck> checks, Estimate base, String what) {
        Aggregate a = any(checks);
        return new Verdict(claim, r.model(), r.task(), r.numLayers(), a.outcome, a.decisive, explain(a, what),
                checks, base, r.chance());
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
