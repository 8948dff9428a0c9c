package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.claim.ScoreIntervals;
import attendfirst.claim.LayerRange;
import attendfirst.sweep.SweepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plots of a (model, task): each manipulation's curve (pointwise intervals) is computed once per run and reused by every claim
 * test that shows it.
 */
public final class SweepFigures {

    private final ScoreIntervals intervals;
    private final Map<String, Curve> curves = new ConcurrentHashMap<>();
    private final Map<String, Estimate> baselines = new ConcurrentHashMap<>();

    public SweepFigures(ScoreIntervals intervals) {
        this.intervals = intervals;
    }

    public Curve curve(SweepResult r) {
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
        return ScorePlot.png(title, list, baseline(first), first.chance(),
                band == null ? -1 : band.firstK(numLayers), band == null ? -1 : band.endK(numLayers), 900, 560);
    }
}
