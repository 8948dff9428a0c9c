package attendfirst.report;

import attendfirst.claim.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The model ladder: where the transition layer sits, as a fraction of depth, on models of different sizes. One
 * {@link Point} per model, claim and task whose verdict carries a transition estimate (C3: the first k from which
 * random costs little; C5: the first k from which the switch is ignored), each with the parameter count of its
 * model. Read from run summaries by {@link LadderReader}; drawn by {@link LadderPlot}, {@link LadderPage} and
 * {@link LadderMarkdown}; put into words by {@link LadderFinding}.
 *
 * @param points  every transition estimate, ordered by parameter count, then claim and task
 * @param models  one row per model on the ladder, ordered by parameter count
 * @param sources which summary each model came from, and what was left out and why
 * @param paperParameters the paper's models ({@link PaperReference#PAPER_MODELS}) whose count is known: fixture
 *                        name to parameter count, from their committed configs
 */
public record Ladder(List<Point> points, List<Model> models, List<String> sources,
                     java.util.Map<String, Long> paperParameters) {

    public Ladder {
        points = points.stream().sorted(Comparator.comparingLong(Point::parameters).thenComparing(Point::claim)
                .thenComparing(Point::task)).toList();
        models = models.stream().sorted(Comparator.comparingLong(Model::parameters)).toList();
        sources = List.copyOf(sources);
        paperParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paperParameters));
    }

    /**
     * A model on the ladder.
     *
     * @param parametersFrom where the count was read ("summary", a GGUF header, a config.json)
     * @param summary        the summary file its points come from, and the run id when the summary has one
     */
    public record Model(String model, String displayName, long parameters, String parametersFrom, int numLayers,
                        String summary) {
    }

    /**
     * One transition estimate, in fractions of depth k/L. The statistics give the first swept k from which the
     * curve stays on the far side of a level, with a simultaneous interval; a k that is not reached inside the
     * model is written as null, so:
     * <ul>
     *   <li>{@code upper == null}: the interval is unbounded above, the transition may lie past the last layer;</li>
     *   <li>{@code point == null}: the curve never stays past the level inside the model (not reached);</li>
     *   <li>{@code lower == null}: not even the favourable end of the band gets there: undetermined.</li>
     * </ul>
     *
     * The estimate is defined on the swept k grid (every second layer, say): the first swept k from which the curve
     * stays past the level. The layer it stands for may lie after the previous swept k, so the lower end is widened
     * to that layer for the fractions, the figure and every comparison ({@code lower} = {@code kLowerGrid} / L);
     * the layer indices stay the statistics' own.
     *
     * @param family     the claim's family ("random", "switch"): what the paper's reference is
     * @param definition the estimate's definition as the summary states it
     * @param k          layer indices of point, lower and upper as judged (null: not reached), for the tables
     * @param kLowerGrid the lower end widened to the layer after the previous swept k (= kLower when kLower is
     *                   the first swept k or the grid is not in the summary; null when kLower is)
     * @param grid       the swept k as the summary lists them ("1, 3, 5, ..., 29"), or "not in the summary"
     */
    public record Point(String model, long parameters, String claim, String family, String task, int numLayers,
                        Verdict.Outcome verdict, Double point, Double lower, Double upper, Integer k, Integer kLower,
                        Integer kUpper, Integer kLowerGrid, String grid, String definition) {

        /** Lower end for comparisons: past the last layer (1.0) when not even that is reached. */
        public double lo() {
            return lower == null ? 1.0 : lower;
        }

        /** Upper end for comparisons: unbounded (infinite) when not reached inside the model. */
        public double hi() {
            return upper == null ? Double.POSITIVE_INFINITY : upper;
        }

        public boolean unbounded() {
            return upper == null;
        }

        public boolean reached() {
            return point != null;
        }

        /** "0.83 [0.72, 0.94]", "0.72 [0.72, ≥1.00: unbounded]", "not reached [0.72, unbounded]". */
        public String fractionText() {
            String p = point == null ? "not reached" : f(point);
            String l = lower == null ? "none" : f(lower);
            String u = upper == null ? "unbounded" : f(upper);
            return p + " [" + l + ", " + u + "]";
        }

        /** "17 [15, 17] of 18", "13 [13, none < 18] of 18". */
        public String layerText() {
            return kText(k) + " [" + kText(kLower) + ", " + kText(kUpper) + "] of " + numLayers;
        }

        private String kText(Integer x) {
            return x == null ? "none < " + numLayers : Integer.toString(x);
        }

        /** The series a point belongs to on the figure: one per claim and task. */
        public String series() {
            return claim + " " + task;
        }
    }

    static String f(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    /** The points of one claim. */
    public List<Point> of(String claim) {
        return points.stream().filter(p -> p.claim().equals(claim)).toList();
    }

    /** The claims on the ladder, in order. */
    public List<String> claims() {
        return points.stream().map(Point::claim).distinct().sorted().toList();
    }
}
