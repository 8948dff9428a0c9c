package attendfirst.claim;

import attendfirst.report.ClaimGate;
import attendfirst.run.ClaimRun;
import attendfirst.run.RunConfig;
import attendfirst.run.RunWiring;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The edge of the claims run: reads {@link RunConfig} once from the system properties, wires the engine's
 * sweeps to the claims ({@link RunWiring}) and hands {@link ClaimRun} to tests. The configuration (or the error
 * reading it) and the run live in JUnit's root store, so every sweep is computed once per JUnit run and shared
 * by all claims; the store closes the run at the end. After the test class the run finishes and writes the gate
 * file; the build's gate step prints the findings and decides. An invalid configuration fails once, listing
 * every problem, instead of once per case.
 */
public final class SweepProviderExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClaimRun.class);

    /** The configuration read once, or why it could not be. */
    private record Configured(RunConfig config, RuntimeException error) {

        static Configured read() {
            try {
                RunConfig config = RunConfig.fromSystemProperties();
                ClaimRun.checkInputs(config); // the baselines too: a bad one is reported once, before any sweep
                return new Configured(config, null);
            } catch (RuntimeException e) {
                return new Configured(null, e);
            }
        }

        RunConfig orThrow() {
            if (error != null) {
                throw error;
            }
            return config;
        }
    }

    /** This JUnit run's configuration, read and validated once (kept in the root store). */
    static RunConfig config(ExtensionContext c) {
        return c.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("config", k -> Configured.read(),
                Configured.class).orThrow();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == RunConfig.class || type == ClaimRun.class || type == SweepProvider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        if (p.getParameter().getType() == RunConfig.class) {
            return config(c); // an invalid configuration fails the case source once, with every problem
        }
        ClaimRun run = run(c);
        if (p.getParameter().getType() == ClaimRun.class) {
            return run;
        }
        try {
            return run.provider();
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    static ClaimRun run(ExtensionContext c) {
        RunConfig rc = config(c);
        return c.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("run",
                key -> new ClaimRun(rc, () -> RunWiring.engineProvider(rc, System.out), System.out), ClaimRun.class);
    }

    @Override
    public void afterAll(ExtensionContext c) {
        RunConfig rc;
        try {
            rc = config(c);
        } catch (RuntimeException e) {
            // no gate path from an invalid configuration: the default one, where the build's gate looks (a config
            // that read but whose inputs did not names its own)
            String gate = System.getProperty("attendfirst.gate");
            ClaimGate.write(gate != null ? java.nio.file.Path.of(gate)
                            : attendfirst.fixture.Project.root().resolve("target/claims-gate.properties"),
                    new ClaimGate.Report("(none: invalid configuration)", 0, 0, "nothing judged", "not compared",
                            List.of(), List.of(e.getMessage())));
            return;
        }
        ClaimRun run = c.getRoot().getStore(NAMESPACE).get("run", ClaimRun.class);
        if (run == null) {
            run = run(c);
        }
        ClaimGate.write(rc.gate(), run.finish());
    }
}
