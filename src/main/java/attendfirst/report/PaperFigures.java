package attendfirst.report;

import attendfirst.claim.Estimate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figure specifications that put our curves beside the paper's, all on k/L: a model's score per task, a
 * model's switch shares, and, for the front page, every model's curve of one manipulation on one task with the
 * score rescaled to the headroom kept, (score - chance) / (baseline - chance), so that the paper's "≈ baseline"
 * and "chance" are the same two lines (1 and 0) for every model.
 */
public final class PaperFigures {

    /** A baseline this close to chance leaves no headroom to rescale by. */
    static final double MIN_HEADROOM = 0.05;

    private PaperFigures() {
    }

    /** The paper's figure layout for one model and task: every manipulation against k/L. */
    public static ScorePlot.Spec task(String model, int numLayers, ModelDigest.TaskDigest t) {
        List<String> manipulations = t.curves().stream().map(Curve::label).toList();
        return ScorePlot.scoreSpec(model + " | " + t.task() + " (" + t.metric() + ", L=" + numLayers + ")", numLayers,
                t.curves(), t.baseline(), t.chance(), null, null, PaperReference.forTask(manipulations));
    }

    /** Ignore and conform shares against k/L with the paper's read-off numbers and flip layers. */
    public static ScorePlot.Spec switchShares(SwitchShares s) {
        List<ScorePlot.Series> series = new ArrayList<>();
        series.add(series("ignored", s.ks(), s.numLayers(), s.ignored()));
        series.add(series("conformed", s.ks(), s.numLayers(), s.conformed()));
        return new ScorePlot.Spec(s.model() + ": switch, share of " + s.pairs() + " pairs (L=" + s.numLayers() + ")",
                "share of pairs (95% CI band)", 1.0, series, null, Double.NaN, null, null,
                PaperReference.switchLines(), PaperReference.switchFlips(), null);
    }

    /**
     * Front-page figures by family: for "random" and "freeze" one per task with every model's rescaled curve, for
     * "switch" one with every model's ignore share. Families the paper gives no reference for are left out.
     */
    public static Map<String, Map<String, ScorePlot.Spec>> acrossModels(Collection<ModelDigest> models) {
        Map<String, Map<String, ScorePlot.Spec>> out = new LinkedHashMap<>();
        Set<String> tasks = new LinkedHashSet<>();
        models.forEach(m -> m.tasks().forEach(t -> tasks.add(t.task())));
        for (String manipulation : List.of("random", "freeze")) {
            for (String task : tasks) {
                List<ScorePlot.Series> series = new ArrayList<>();
                List<String> left = new ArrayList<>();
                int i = 0;
                for (ModelDigest m : models) {
                    for (ModelDigest.TaskDigest t : m.tasks()) {
                        if (!t.task().equals(task)) {
                            continue;
                        }
                        for (Curve c : t.curves()) {
                            if (!c.label().equals(manipulation)) {
                                continue;
                            }
                            double headroom = t.baseline().point() - t.chance();
                            if (headroom < MIN_HEADROOM) {
                                left.add(m.model());
                                continue;
                            }
                            Estimate[] kept = new Estimate[c.estimates().length];
                            for (int k = 0; k < kept.length; k++) {
                                Estimate e = c.estimates()[k];
                                kept[k] = new Estimate((e.point() - t.chance()) / headroom,
                                        (e.lower() - t.chance()) / headroom, (e.upper() - t.chance()) / headroom);
                            }
                            series.add(ScorePlot.Series.of(new Curve(m.model() + " (L=" + m.numLayers() + ")",
                                    c.ks(), kept), m.numLayers(), Manipulations.cycle(i)));
                        }
                    }
                    i++;
                }
                if (series.isEmpty()) {
                    continue;
                }
                String title = manipulation + " | " + task + ": headroom kept, every model"
                        + (left.isEmpty() ? "" : " (not shown, baseline at chance: " + String.join(", ", left) + ")");
                out.computeIfAbsent(manipulation, f -> new LinkedHashMap<>()).put(task, new ScorePlot.Spec(title,
                        "(score − chance) / (baseline − chance)", 1.2, series, null, Double.NaN, null, null,
                        PaperReference.forTask(List.of(manipulation)), List.of(), new double[] {1.0, 0.0}));
            }
        }
        List<ScorePlot.Series> ignore = new ArrayList<>();
        int i = 0;
        for (ModelDigest m : models) {
            if (m.switchShares() != null) {
                SwitchShares s = m.switchShares();
                ignore.add(ScorePlot.Series.of(new Curve(m.model() + " ignored (L=" + m.numLayers() + ")", s.ks(),
                        s.ignored()), s.numLayers(), Manipulations.cycle(i)));
            }
            i++;
        }
        if (!ignore.isEmpty()) {
            List<PaperReference.Line> refs = PaperReference.switchLines().stream()
                    .filter(l -> l.series().equals("ignored")).toList();
            out.computeIfAbsent("switch", f -> new LinkedHashMap<>()).put("capitals", new ScorePlot.Spec(
                    "switch | capitals: share of pairs that ignore the switch, every model", "share ignored", 1.0,
                    ignore, null, Double.NaN, null, null, refs, PaperReference.switchFlips(), null));
        }
        return out;
    }

    private static ScorePlot.Series series(String label, int[] ks, int numLayers, Estimate[] y) {
        return ScorePlot.Series.of(new Curve(label, ks, y), numLayers, Manipulations.colour(label));
    }
}
