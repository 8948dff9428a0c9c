package attendfirst.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ladder's points show, in plain sentences generated from the data. Two models differ only where
 * their 95% intervals do not overlap (a conservative comparison: overlapping intervals can still hide a
 * difference, so "no trend can be claimed" is what the data allow, not a finding of equality). Per claim and
 * task, the models ordered by parameter count:
 * <ul>
 *   <li>one model: nothing can be said about size;</li>
 *   <li>each model's interval wholly above (below) the next smaller model's: a monotone rise (fall) with size is
 *       supported;</li>
 *   <li>no two intervals apart: the points show no difference between sizes, no trend can be claimed;</li>
 *   <li>otherwise: which pairs differ, and that no monotone trend can be claimed.</li>
 * </ul>
 * An interval unbounded above (the transition may lie past the last layer) reaches to infinity here, and the
 * comparison with the paper's stretch of depth counts intervals wholly above, wholly below or overlapping it.
 */
public final class LadderFinding {

    /** How the intervals of one claim and task order along the models' sizes. */
    public enum Trend { ONE_MODEL, RISES, FALLS, ALL_OVERLAP, NOT_MONOTONE }

    private LadderFinding() {
    }

    /** The trend of points of one claim and task, each of a different model. */
    public static Trend trend(List<Ladder.Point> series) {
        List<Ladder.Point> s = bySize(series);
        if (s.size() < 2) {
            return Trend.ONE_MODEL;
        }
        boolean rises = true;
        boolean falls = true;
        for (int i = 0; i + 1 < s.size(); i++) {
            rises &= s.get(i).hi() < s.get(i + 1).lo();
            falls &= s.get(i + 1).hi() < s.get(i).lo();
        }
        if (rises) {
            return Trend.RISES;
        }
        if (falls) {
            return Trend.FALLS;
        }
        return apart(s).isEmpty() ? Trend.ALL_OVERLAP : Trend.NOT_MONOTONE;
    }

    /** Pairs of points whose intervals do not overlap, smaller model first. */
    static List<Ladder.Point[]> apart(List<Ladder.Point> series) {
        List<Ladder.Point> s = bySize(series);
        List<Ladder.Point[]> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                Ladder.Point a = s.get(i);
                Ladder.Point b = s.get(j);
                if (a.hi() < b.lo() || b.hi() < a.lo()) {
                    out.add(new Ladder.Point[] {a, b});
                }
            }
        }
        return out;
    }

    private static List<Ladder.Point> bySize(List<Ladder.Point> series) {
        return series.stream().sorted(java.util.Comparator.comparingLong(Ladder.Point::parameters)).toList();
    }

    /** One sentence on one claim and task. */
    public static String sentence(List<Ladder.Point> series) {
        List<Ladder.Point> s = bySize(series);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no points to describe");
        }
        String what = s.get(0).claim() + " on " + s.get(0).task();
        String list = String.join(", ", s.stream().map(p -> p.model() + " " + p.fractionText()).toList());
        return switch (trend(s)) {
            case ONE_MODEL -> what + ": one model only (" + list + "), so nothing can be said about size.";
            case RISES -> what + ": each model's interval lies wholly above the next smaller model's (" + list
                    + "): the transition moves deeper with size, a monotone rise supported by " + s.size()
                    + " models.";
            case FALLS -> what + ": each model's interval lies wholly below the next smaller model's (" + list
                    + "): the transition moves earlier with size, a monotone fall supported by " + s.size()
                    + " models.";
            case ALL_OVERLAP -> what + ": " + (s.size() == 2 ? "the two models' intervals overlap ("
                    : "the intervals of all " + s.size() + " models overlap (") + list
                    + "), so these points show no difference between sizes: no trend can be claimed.";
            case NOT_MONOTONE -> what + ": only " + String.join(", ", apart(s).stream().map(pr -> pr[0].model()
                    + " and " + pr[1].model()).toList()) + " differ (intervals apart); the others overlap (" + list
                    + "), so no monotone trend can be claimed.";
        };
    }

    /**
     * Where a claim's points sit against the paper's stretch of depth: how many intervals lie wholly above it
     * (later in depth than the paper's 7B models), wholly below, or overlap it. Null when the paper names none.
     */
    public static String againstPaper(List<Ladder.Point> points, PaperReference.Range paper) {
        if (paper == null || points.isEmpty()) {
            return null;
        }
        List<String> above = new ArrayList<>();
        List<String> below = new ArrayList<>();
        List<String> overlap = new ArrayList<>();
        for (Ladder.Point p : points) {
            String name = p.model() + " " + p.task();
            if (p.lo() > paper.to()) {
                above.add(name);
            } else if (p.hi() < paper.from()) {
                below.add(name);
            } else {
                overlap.add(name);
            }
        }
        String range = Ladder.f(paper.from()) + "–" + Ladder.f(paper.to());
        StringBuilder sb = new StringBuilder(points.get(0).claim() + " against the paper's " + range + " of depth: ");
        List<String> parts = new ArrayList<>();
        if (!above.isEmpty()) {
            parts.add(count(above, points.size()) + " wholly above it, later in depth than the paper's models ("
                    + String.join("; ", above) + ")");
        }
        if (!below.isEmpty()) {
            parts.add(count(below, points.size()) + " wholly below it (" + String.join("; ", below) + ")");
        }
        if (!overlap.isEmpty()) {
            parts.add(count(overlap, points.size()).replace(" lies", " overlaps").replace(" lie", " overlap")
                    + " it, not distinguishable from the paper ("
                    + String.join("; ", overlap) + ")");
        }
        return sb.append(String.join("; ", parts)).append('.').toString();
    }

    private static String count(List<String> which, int of) {
        return which.size() == of ? (of == 1 ? "the one interval lies" : of == 2 ? "both intervals lie"
                : "all " + of + " intervals lie")
                : which.size() + " of " + of + (which.size() == 1 ? " intervals lies" : " intervals lie");
    }

    /** Every sentence the ladder warrants: per claim, each task's trend and the comparison with the paper. */
    public static List<String> sentences(Ladder ladder) {
        List<String> out = new ArrayList<>();
        for (String claim : ladder.claims()) {
            Map<String, List<Ladder.Point>> byTask = new LinkedHashMap<>();
            ladder.of(claim).forEach(p -> byTask.computeIfAbsent(p.task(), t -> new ArrayList<>()).add(p));
            byTask.values().forEach(s -> out.add(sentence(s)));
            List<Ladder.Point> all = ladder.of(claim);
            String paper = againstPaper(all, PaperReference.transitionRange(all.get(0).family()));
            if (paper != null) {
                out.add(paper);
            }
        }
        if (out.isEmpty()) {
            out.add("No summary holds a transition estimate: nothing to show.");
        }
        return out;
    }

    /** One line over all series: how many of them support a trend, and the range of sizes. */
    public static String headline(Ladder ladder) {
        if (ladder.models().isEmpty()) {
            return "No model on the ladder.";
        }
        Map<Trend, Integer> counts = new java.util.EnumMap<>(Trend.class);
        int series = 0;
        for (String claim : ladder.claims()) {
            Map<String, List<Ladder.Point>> byTask = new LinkedHashMap<>();
            ladder.of(claim).forEach(p -> byTask.computeIfAbsent(p.task(), t -> new ArrayList<>()).add(p));
            for (List<Ladder.Point> s : byTask.values()) {
                counts.merge(trend(s), 1, Integer::sum);
                series++;
            }
        }
        List<Ladder.Model> m = ladder.models();
        if (series == 0) {
            return m.size() + (m.size() == 1 ? " model" : " models") + ", and no transition estimate in "
                    + (m.size() == 1 ? "its summary" : "their summaries") + ": nothing to show.";
        }
        int trends = counts.getOrDefault(Trend.RISES, 0) + counts.getOrDefault(Trend.FALLS, 0);
        String sizes = m.size() == 1 ? ParameterCount.shortForm(m.get(0).parameters())
                : ParameterCount.shortForm(m.get(0).parameters()) + " to "
                + ParameterCount.shortForm(m.get(m.size() - 1).parameters());
        return m.size() + (m.size() == 1 ? " model" : " models") + " (" + sizes + " parameters), " + series
                + " claim × task series: " + (trends == 0 ? "none shows" : trends == 1 ? "1 shows" : trends + " show") + " a change of the "
                + "transition layer with size that the 95% intervals support"
                + (counts.containsKey(Trend.ALL_OVERLAP) ? "; in " + counts.get(Trend.ALL_OVERLAP)
                + " all intervals overlap (no trend can be claimed)" : "")
                + (counts.containsKey(Trend.NOT_MONOTONE) ? "; in " + counts.get(Trend.NOT_MONOTONE)
                + " some models differ but not monotonically" : "")
                + (counts.containsKey(Trend.ONE_MODEL) ? "; " + counts.get(Trend.ONE_MODEL)
                + " have one model only" : "") + ".";
    }
}
