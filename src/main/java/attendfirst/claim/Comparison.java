package attendfirst.claim;

/**
 * The closed set of comparisons a claim can make. Each names its layer band and its thresholds; the judging
 * rules (how a bootstrap interval relates to the bound) live in {@link ClaimJudge}.
 */
public sealed interface Comparison {

    enum Kind { NEAR_BASELINE_ALL, NEAR_CHANCE_SOME, LARGE_DROP_SOME, TWO_REGIMES, DOMINATES, SWITCH_FLIP }

    Kind kind();

    /** The band whose k values the claim is about; for TWO_REGIMES and SWITCH_FLIP the transition window. */
    LayerRange range();

    /** The rule in one line, with symbols, for reports. */
    String rule();

    /** For every swept k in range: score(k) - baseline >= -eps. */
    record NearBaselineAll(LayerRange range, Threshold eps) implements Comparison {
        public Kind kind() {
            return Kind.NEAR_BASELINE_ALL;
        }

        public String rule() {
            return "score(k) >= baseline - " + eps.value() + " for every k in " + range.text();
        }
    }

    /** For some swept k in range: score(k) <= chance + delta. */
    record NearChanceSome(LayerRange range, Threshold delta) implements Comparison {
        public Kind kind() {
            return Kind.NEAR_CHANCE_SOME;
        }

        public String rule() {
            return "score(k) <= chance + " + delta.value() + " for some k in " + range.text();
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

        public String rule() {
            return "(baseline - score(k)) / (baseline - chance) >= " + drop.value() + " for some k in " + range.text();
        }
    }

    /**
     * Two regimes: there are t1 <= t2 inside the window, t2 - t1 <= ceil(maxWidth*L), such that every swept
     * k < t1 is low (score(k) <= chance + delta) and every swept k >= t2 is near baseline
     * (score(k) >= baseline - eps); both sides must hold at least one swept k. Layers in [t1, t2) are the
     * transition and are not judged.
     */
    record TwoRegimes(LayerRange range, Threshold maxWidth, Threshold delta, Threshold eps) implements Comparison {
        public Kind kind() {
            return Kind.TWO_REGIMES;
        }

        public String rule() {
            return "exists t1 <= t2 in " + range.text() + ", t2 - t1 <= " + maxWidth.value()
                    + "L: score(k) <= chance + " + delta.value() + " for all k < t1 and score(k) >= baseline - "
                    + eps.value() + " for all k >= t2";
        }
    }

    /** For every k in range swept by both: score_this(k) - score_other(k) >= -eps (e.g. freeze vs random). */
    record Dominates(String other, LayerRange range, Threshold eps) implements Comparison {
        public Kind kind() {
            return Kind.DOMINATES;
        }

        public String rule() {
            return "score(k) >= score_" + other + "(k) - " + eps.value() + " for every k in " + range.text();
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

        public String rule() {
            return "conform share >= " + conformShare.value() + " for every k below " + range.text()
                    + ", ignore share >= " + ignoreShare.value() + " for every k above it";
        }
    }
}
