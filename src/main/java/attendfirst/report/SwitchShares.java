package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.claim.ScoreIntervals;
import attendfirst.sweep.SwitchResult;

/**
 * The switch experiment of one model reduced to what the report draws: per swept k the share of pairs that
 * ignored the switch (kept the original capital), conformed (gave the injected country's capital) or did
 * something else, each with its pointwise interval over pairs (clustered by source country).
 */
public record SwitchShares(String model, int numLayers, int pairs, int[] ks, Estimate[] ignored,
                           Estimate[] conformed, Estimate[] other) {

    public SwitchShares {
        if (ignored.length != ks.length || conformed.length != ks.length || other.length != ks.length) {
            throw new IllegalArgumentException("switch shares of " + model + ": " + ks.length + " ks but "
                    + ignored.length + "/" + conformed.length + "/" + other.length + " estimates");
        }
    }

    public static SwitchShares of(SwitchResult s, ScoreIntervals intervals) {
        return new SwitchShares(s.model(), s.numLayers(), s.pairs().size(), s.layers(),
                intervals.switchShare(s, SwitchResult.IGNORED), intervals.switchShare(s, SwitchResult.CONFORMED),
                intervals.switchShare(s, SwitchResult.OTHER));
    }
}
