package attendfirst.claim;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Computes each sweep once per run, whatever the number of claims that judge it. */
public final class CachingSweepProvider implements SweepProvider {

    private final SweepProvider delegate;
    private final Map<String, SweepResult> sweeps = new ConcurrentHashMap<>();
    private final Map<String, SwitchResult> switches = new ConcurrentHashMap<>();
    private final Map<String, SweepResult> firstOfTask = new ConcurrentHashMap<>();

    public CachingSweepProvider(SweepProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public SweepResult sweep(String model, String task, String manipulation) {
        return sweeps.computeIfAbsent(model + "\u0000" + task + "\u0000" + manipulation, key -> {
            SweepResult r = delegate.sweep(model, task, manipulation);
            if (!r.model().equals(model) || !r.task().equals(task) || !r.manipulation().equals(manipulation)) {
                throw new IllegalStateException("provider " + delegate.getClass().getName() + " asked for (" + model
                        + ", " + task + ", " + manipulation + ") returned (" + r.model() + ", " + r.task() + ", "
                        + r.manipulation() + ")");
            }
            // claims pair manipulations example by example (DOMINATES) and share one baseline line in the plots:
            // every sweep of a (model, task) must be over the same examples with the same baseline
            SweepResult first = firstOfTask.putIfAbsent(model + "\u0000" + task, r);
            if (first != null && !java.util.Arrays.equals(first.baseline(), r.baseline())) {
                throw new IllegalStateException("sweeps of " + model + " | " + task + " disagree on the baseline: "
                        + first.manipulation() + " has " + first.numExamples() + " examples, mean "
                        + first.meanBaseline() + "; " + manipulation + " has " + r.numExamples() + " examples, mean "
                        + r.meanBaseline() + ". Every manipulation must be scored on the same examples.");
            }
            return r;
        });
    }

    @Override
    public SwitchResult switchSweep(String model) {
        return switches.computeIfAbsent(model, delegate::switchSweep);
    }

    @Override
    public java.util.Optional<attendfirst.sweep.RunEnvironment> runEnvironment() {
        return delegate.runEnvironment();
    }

    /** The provider being cached; closed by the harness at the end of the run when it is AutoCloseable. */
    public SweepProvider delegate() {
        return delegate;
    }

    /** The sweeps computed so far, for reports. */
    public Map<String, SweepResult> computedSweeps() {
        return Map.copyOf(sweeps);
    }
}
