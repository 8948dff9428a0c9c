package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.claim.ScoreIntervals;
import attendfirst.claim.LayerRange;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plots of a (model, task): each manipulation's curve (pointwise intervals) is computed once per run and reused by every claim
 * test that shows it. What was plotted is remembered, so that the end of the run can write it into the claims
 * summary ({@link ModelDigest}) and the report's model pages can draw it again without the sweeps.
 */
public final class SweepFigures {

    private final ScoreIntervals intervals;
    private final Map<String, Curve> curves = new ConcurrentHashMap<>();
    private final Map<String, Estimate> baselines = new ConcurrentHashMap<>();
    private final Map<String, SweepResult> sweeps = new ConcurrentHashMap<>();
    private final Map<String, SwitchResult> switches = new ConcurrentHashMap<>();

    public SweepFigures(ScoreIntervals intervals) {
        this.intervals = intervals;
    }

    public Curve curve(SweepResult r) {
        sweeps.putIfAbsent(r.model() + "|" + r.task() + "|" + r.manipulation(), r);
        return curves.computeIfAbsent(r.model() + "|" + r.task() + "|" + r.manipulation(),
                key -> new Curve(r.manipulation(), r.layers(), intervals.meanScore(r)));
    }

    public Estimate baseline(SweepResult r) {
        return baselines.computeIfAbsent(r.model() + "|" + r.task(), key -> intervals.baseline(r));
    }

    /** Score against k for the sweeps of one (model, task), the claim's band shaded when given. */
    public byte[] scorePlot(List<SweepResult> sweeps, LayerRange band) {
        SweepResult first = sweeps.get(0);
        List<Curve> list = new ArrayList<>();
        for (SweepResult r : sweeps) {
            if (!r.model().equals(first.model()) || !r.task().equals(first.task())) {
                throw new IllegalArgumentException("one plot shows one (model, task); got " + r.model() + " | "
                        + r.task() + " beside " + first.model() + " | " + first.task());
            }
            list.add(curve(r));
        }
        int numLayers = first.numLayers();
        String title = first.model() + " | " + first.task() + " (" + first.metric() + ", L=" + numLayers + ")";
        return ScorePlot.png(ScorePlot.scoreSpec(title, numLayers, list, baseline(first), first.chance(),
                band == null ? null : new double[] {band.from(), band.to()}, band == null ? null : band.text(),
                PaperReference.forTask(list.stream().map(Curve::label).toList())), 900, 600);
    }

    /** The switch heat map of one model; the result is kept for the summary. */
    public byte[] switchHeatMap(SwitchResult s) {
        switches.putIfAbsent(s.model(), s);
        return SwitchHeatMap.png(SwitchShares.of(s, intervals));
    }

    /** Everything plotted so far, one digest per model, in first-seen order of models. */
    public List<ModelDigest> digests() {
        Map<String, ModelDigest.Builder> byModel = new java.util.TreeMap<>();
        for (Map.Entry<String, SweepResult> e : sweeps.entrySet()) {
            SweepResult r = e.getValue();
            byModel.computeIfAbsent(r.model(), m -> new ModelDigest.Builder(m, r.numLayers()))
                    .curve(r.task(), r.metric(), r.chance(), baseline(r), curves.get(e.getKey()));
        }
        for (SwitchResult s : switches.values()) {
            byModel.computeIfAbsent(s.model(), m -> new ModelDigest.Builder(m, s.numLayers()))
                    .switchShares(SwitchShares.of(s, intervals));
        }
        return byModel.values().stream().map(ModelDigest.Builder::build).toList();
    }
}
