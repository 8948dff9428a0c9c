package attendfirst.sweep;

import java.util.Arrays;
import java.util.List;

/**
 * The switch (information injection) experiment: outcome[kIndex][pairIndex] is 0 = kept the original answer
 * (ignored the switch), 1 = gave the injected country's capital (conformed), 2 = something else.
 */
public record SwitchResult(String model, int numLayers, int[] layers, List<String> pairs, int[][] outcome) {

    public static final int IGNORED = 0;
    public static final int CONFORMED = 1;
    public static final int OTHER = 2;

    public SwitchResult {
        String where = "SwitchResult(" + model + ")";
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("SwitchResult: model must be non-blank");
        }
        if (numLayers < 1) {
            throw new IllegalArgumentException(where + ": numLayers must be >= 1, got " + numLayers);
        }
        if (layers == null || layers.length == 0) {
            throw new IllegalArgumentException(where + ": layers must name at least one k");
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 0 || layers[i] > numLayers || (i > 0 && layers[i] <= layers[i - 1])) {
                throw new IllegalArgumentException(where + ": layers must be strictly increasing within 0.."
                        + numLayers + ", got " + Arrays.toString(layers));
            }
        }
        if (pairs == null || pairs.isEmpty()) {
            throw new IllegalArgumentException(where + ": pairs must hold at least one pair");
        }
        pairs = List.copyOf(pairs);
        if (outcome == null || outcome.length != layers.length) {
            throw new IllegalArgumentException(where + ": outcome has " + (outcome == null ? "null" : outcome.length)
                    + " k rows, expected " + layers.length);
        }
        for (int k = 0; k < outcome.length; k++) {
            if (outcome[k] == null || outcome[k].length != pairs.size()) {
                throw new IllegalArgumentException(where + ": outcome[" + k + "] has "
                        + (outcome[k] == null ? "null" : outcome[k].length) + " pairs, expected " + pairs.size());
            }
            for (int p = 0; p < outcome[k].length; p++) {
                if (outcome[k][p] < IGNORED || outcome[k][p] > OTHER) {
                    throw new IllegalArgumentException(where + ": outcome[" + k + "][" + p + "] = " + outcome[k][p]
                            + ", expected 0 (ignored), 1 (conformed) or 2 (other)");
                }
            }
        }
    }

    /**
     * The source country of pair {@code p}: the country asked about in the capitals prompt, the text before "->"
     * in the pair's name ("France->Italy"). Pairs that share it are not independent (same prompt), so the
     * judge resamples them together.
     */
    public String source(int p) {
        String name = pairs.get(p);
        int arrow = name.indexOf("->");
        if (arrow <= 0) {
            throw new IllegalStateException(model + ": switch pair " + p + " is named '" + name
                    + "', expected 'SourceCountry->InjectedCountry'");
        }
        return name.substring(0, arrow);
    }

    /** Share of pairs at kIndex whose outcome equals {@code code}. */
    public double share(int kIndex, int code) {
        int count = 0;
        for (int o : outcome[kIndex]) {
            if (o == code) {
                count++;
            }
        }
        return count / (double) pairs.size();
    }
}
