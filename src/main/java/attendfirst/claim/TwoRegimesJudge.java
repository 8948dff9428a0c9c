package attendfirst.claim;

import attendfirst.claim.ClaimJudge.Aggregate;
import attendfirst.claim.Verdict.Outcome;
import attendfirst.sweep.SweepResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * C3's "two regimes", made precise (see {@link Comparison.TwoRegimes}): try every split t1 <= t2 with both ends
 * inside the window and t2 - t1 <= ceil(maxWidth*L); a split is judged as "every swept k < t1 is low and every
 * swept k >= t2 (k < L) is near baseline" with the every-k rule. The claim HOLDS when some split HOLDS, is
 * REFUTED when every split is REFUTED, and INCONCLUSIVE otherwise. The verdict reports the best split.
 *
 * <p>Multiplicity: both regimes are read off one interval per swept k (headroom lost), made simultaneous over
 * every swept k in [minK, L) (Bonferroni). When those intervals all cover, every split's judgement is right, so
 * searching over splits adds no error: the verdict is wrong with probability at most alpha. The same band gives
 * the transition layer (headroom lost comes to stay <= 0.5) with its interval.
 */
final class TwoRegimesJudge {

    private TwoRegimesJudge() {
    }

    static Verdict judge(Claim claim, Comparison.TwoRegimes t, SweepResult r, ScoreIntervals intervals,
                         Estimate base, double alpha) {
        int numLayers = r.numLayers();
        int minK = t.range().minK();
        int[] ks = Arrays.stream(r.layers()).filter(k -> k >= minK && k < numLayers).toArray();
        List<PointCheck> low = new ArrayList<>();
        List<PointCheck> high = new ArrayList<>();
        List<Integer> kList = new ArrayList<>();
        List<Estimate> lost = new ArrayList<>();
        for (int k : ks) {
            Estimate e = intervals.headroomLost(r, r.indexOfLayer(k), alpha / ks.length);
            kList.add(k);
            lost.add(e);
            low.add(new PointCheck("headroom lost", k, e, true, 1 - t.delta().value(), t.delta()));
            high.add(new PointCheck("headroom lost", k, e, false, t.eps().value(), t.eps()));
        }
        Transition transition = ClaimJudge.transition("first k from which headroom lost stays <= 0.5; paper: little"
                + " or no drop in the final 30-50% of layers = from 0.5-0.7 of depth", kList, lost, 0.5, false,
                numLayers, 1 - alpha);
        int first = t.range().firstK(numLayers);
        int end = t.range().endK(numLayers);
        int width = LayerRange.boundary(t.maxWidth().value(), numLayers);
        Aggregate best = null;
        List<PointCheck> bestChecks = null;
        int bestT1 = -1;
        int bestT2 = -1;
        for (int t1 = first; t1 <= end; t1++) {
            for (int t2 = t1; t2 <= Math.min(t1 + width, end); t2++) {
                final int a = t1;
                final int b = t2;
                List<PointCheck> split = new ArrayList<>();
                low.stream().filter(c -> c.k() < a).forEach(split::add);
                boolean hasLow = !split.isEmpty();
                high.stream().filter(c -> c.k() >= b).forEach(split::add);
                if (!hasLow || split.stream().noneMatch(c -> c.k() >= b)) {
                    continue;
                }
                Aggregate agg = ClaimJudge.all(split);
                if (best == null || better(agg, split.size(), best, bestChecks.size())) {
                    best = agg;
                    bestChecks = split;
                    bestT1 = t1;
                    bestT2 = t2;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException(claim.id() + ": sweep " + r.manipulation() + " of " + r.model() + " | "
                    + r.task() + " has no split with swept k on both sides inside " + t.range().describe(numLayers)
                    + "; swept " + Arrays.toString(r.layers()));
        }
        String what = r.manipulation() + "(k) is low (headroom lost >= 1 - " + t.delta().value() + ") for k < "
                + bestT1 + " and near baseline (headroom lost <= " + t.eps().value() + ") for k >= " + bestT2
                + ", transition inside " + t.range().describe(numLayers) + ", width <= " + width;
        int needed = best.outcome() == Outcome.INCONCLUSIVE
                ? ClaimJudge.examplesNeeded(best.decisive(), r.numExamples()) : -1;
        return new Verdict(claim, r.model(), r.task(), numLayers, best.outcome(), best.decisive(),
                ClaimJudge.explain(best, what), bestChecks, base, r.chance(), alpha, ks.length,
                String.format("one two-sided band simultaneous over the %d swept k (each at %.4f, Bonferroni), so the"
                        + " search over splits costs nothing", ks.length, alpha / ks.length), transition, needed);
    }

    /**
     * HOLDS beats INCONCLUSIVE beats REFUTED. Among holding splits the one judging most layers (the narrowest
     * transition) is reported, so the regimes are shown as wide as the data supports; other ties go to the
     * larger decisive margin.
     */
    private static boolean better(Aggregate x, int xChecks, Aggregate y, int yChecks) {
        if (x.outcome() != y.outcome()) {
            return rank(x.outcome()) > rank(y.outcome());
        }
        if (x.outcome() == Outcome.HOLDS && xChecks != yChecks) {
            return xChecks > yChecks;
        }
        if (x.outcome() == Outcome.REFUTED) {
            return ClaimJudge.farSideMargin(x.decisive()) > ClaimJudge.farSideMargin(y.decisive());
        }
        return x.decisive().margin() > y.decisive().margin();
    }

    private static int rank(Outcome o) {
        return switch (o) {
            case HOLDS -> 2;
            case INCONCLUSIVE -> 1;
            case REFUTED -> 0;
        };
    }
}
