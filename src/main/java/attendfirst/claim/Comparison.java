package attendfirst.claim;

/**
 * The closed set of comparisons a claim can make. Each names its layer band and its thresholds and picks its
 * judging rule ({@link #judge}); the rules' statistics (how an interval relates to the bound) live in
 * {@link ClaimJudge}, which never tests a comparison's type.
 *
 * <p>One scale for every threshold on a score: the headroom, baseline - chance. "headroom lost" at k is
 * (baseline - score(k)) / (baseline - chance): 0 = no drop, 1 = down to chance. So eps = 0.25 means the same
 * "small drop" on a task whose baseline is 1.0 above chance and on one whose baseline is 0.2 above it.
 */
public sealed interface Comparison {

    enum Kind { NEAR_BASELINE_ALL, NEAR_CHANCE_SOME, LARGE_DROP_SOME, TWO_REGIMES, DOMINATES, SWITCH_FLIP }

    Kind kind();

    /** The band whose k values the claim is about; for TWO_REGIMES and SWITCH_FLIP the transition window. */
    LayerRange range();

    /** The rule in one line, with symbols, for reports. */
    String rule();

    /** This comparison's verdict on one cell, by its own rule of {@code judge}. */
    Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell);

    /** For every swept k in range: headroom lost(k) <= eps ("a small drop"). */
    record NearBaselineAll(LayerRange range, Threshold eps) implements Comparison {
        public Kind kind() {
            return Kind.NEAR_BASELINE_ALL;
        }

        public Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell) {
            return judge.nearBaselineAll(this, cell);
        }

        public String rule() {
            return "(baseline - score(k)) / (baseline - chance) <= " + eps.value() + " for every k in " + range.text();
        }
    }

    /** For some swept k in range: headroom lost(k) >= 1 - delta (score within delta of the headroom above chance). */
    record NearChanceSome(LayerRange range, Threshold delta) implements Comparison {
        public Kind kind() {
            return Kind.NEAR_CHANCE_SOME;
        }

        public Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell) {
            return judge.nearChanceSome(this, cell);
        }

        public String rule() {
            return "(baseline - score(k)) / (baseline - chance) >= 1 - " + delta.value() + " for some k in " + range.text();
        }
    }

    /**
     * For some swept k in range: the share of the above-chance headroom lost,
     * (baseline - score(k)) / (baseline - chance), is at least {@code drop}.
     */
    record LargeDropSome(LayerRange range, Threshold drop) implements Comparison {
        public Kind kind() {
            return Kind.LARGE_DROP_SOME;
        }

        public Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell) {
            return judge.largeDropSome(this, cell);
        }

        public String rule() {
            return "(baseline - score(k)) / (baseline - chance) >= " + drop.value() + " for some k in " + range.text();
        }
    }

    /**
     * Two regimes: there are t1 <= t2 inside the window, t2 - t1 <= ceil(maxWidth*L), such that every swept
     * k < t1 (k >= the window's minK) is low (headroom lost >= 1 - delta) and every swept k >= t2 is near baseline
     * (headroom lost <= eps); both sides must hold at least one swept k. Layers in [t1, t2) are the transition
     * and are not judged.
     */
    record TwoRegimes(LayerRange range, Threshold maxWidth, Threshold delta, Threshold eps) implements Comparison {
        public Kind kind() {
            return Kind.TWO_REGIMES;
        }

        public Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell) {
            return judge.twoRegimes(this, cell);
        }

        public String rule() {
            return "exists t1 <= t2 in " + range.text() + ", t2 - t1 <= " + maxWidth.value()
                    + "L: headroom lost >= 1 - " + delta.value() + " for all k < t1 and headroom lost <= "
                    + eps.value() + " for all k >= t2";
        }
    }

    /**
     * For every k in range (both sweeps must share the k grid there):
     * (score_this(k) - score_other(k)) / (baseline - chance) >= -eps (e.g. freeze vs random).
     */
    record Dominates(String other, LayerRange range, Threshold eps) implements Comparison {
        public Kind kind() {
            return Kind.DOMINATES;
        }

        public Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell) {
            return judge.dominates(this, cell);
        }

        public String rule() {
            return "(score(k) - score_" + other + "(k)) / (baseline - chance) >= -" + eps.value() + " for every k in "
                    + range.text();
        }
    }

    /**
     * The switch flips: below the window (swept k < first k of the window) the conform share is at least
     * {@code conformShare} at every k; from the window's end on (swept k >= end, k < L) the ignore share is at
     * least {@code ignoreShare} at every k.
     */
    record SwitchFlip(LayerRange range, Threshold conformShare, Threshold ignoreShare) implements Comparison {
        public Kind kind() {
            return Kind.SWITCH_FLIP;
        }

        public Verdict judge(ClaimJudge judge, ClaimJudge.Cell cell) {
            return judge.switchFlip(this, cell);
        }

        public String rule() {
            return "conform share >= " + conformShare.value() + " for every k below " + range.text()
                    + ", ignore share >= " + ignoreShare.value() + " for every k above it";
        }
    }
}
