package attendfirst.claim;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands {@link ClaimRun} (and through it the one cached {@link SweepProvider}) to tests. The run lives in the
 * root store, so every sweep is computed once per JUnit run and shared by all claims; the store closes it at
 * the end. A missing provider fails every claim test with the message saying how to configure one. After the
 * test class, the run's summary is written and regressions (or, in strict mode, refutations) fail the class.
 */
public final class SweepProviderExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClaimRun.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == ClaimRun.class || type == SweepProvider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
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
        return c.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("run",
                key -> new ClaimRun(ClaimCatalogue.loadDefault(), SweepProviders::fromSystemProperty), ClaimRun.class);
    }

    @Override
    public void afterAll(ExtensionContext c) {
        ClaimRun run = c.getRoot().getStore(NAMESPACE).get("run", ClaimRun.class);
        int expected = ClaimMatrix.fromSystemProperties(ClaimCatalogue.loadDefault()).size();
        if (run == null || !run.providerReady()) {
            // no case got sweeps; each case already failed saying why, and the build gate must fail too
            attendfirst.report.ClaimGate.write(expected, 0, List.of("no claim case got sweeps (see the failed cases)"));
            return;
        }
        List<String> problems = new java.util.ArrayList<>(run.finish());
        attendfirst.report.ClaimGate.write(expected, run.verdicts().size(), problems);
        if (!problems.isEmpty()) {
            throw new AssertionError("claims run: " + problems.size() + " problem(s) against fixtures/expectations"
                    + " or strict mode:\n  " + String.join("\n  ", problems));
        }
    }
}
