package attendfirst.claim;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;

/**
 * Where the claim harness gets its sweeps. The real implementation runs the engine; callers may ask for the same
 * sweep many times (several claims judge one sweep), so implementations should cache or be wrapped in
 * {@link CachingSweepProvider}.
 */
public interface SweepProvider {

    SweepResult sweep(String model, String task, String manipulation);

    SwitchResult switchSweep(String model);

    /** Models, dtype, device and versions for the report's Environment widget; empty when unknown. */
    default java.util.Optional<attendfirst.sweep.RunEnvironment> runEnvironment() {
        return java.util.Optional.empty();
    }
}
