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
