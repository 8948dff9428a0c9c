package attendfirst.claim;

import attendfirst.report.AllureResultsFiles;
import attendfirst.report.ClaimsSummary;
import attendfirst.report.Expectations;
import attendfirst.report.SweepFigures;
import attendfirst.report.VerdictTable;
import attendfirst.sweep.RunEnvironment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one harness run shares: the catalogue, the cached provider, the judge, the figure cache and the
 * verdicts collected so far. Lives in the root ExtensionContext.Store (see {@link SweepProviderExtension}).
 *
 * <p>System properties read at the end of the run ({@link #finish()}):
 * {@code attendfirst.summary} (default target/claims-summary.json), {@code attendfirst.expectations}
 * (default fixtures/expectations), {@code attendfirst.acceptExpectations=true} (write the current verdicts as
 * the new expectations), {@code attendfirst.strict=true} (any REFUTED fails the run),
 * {@code attendfirst.failOnRegression=false} (report regressions without failing).
 */
public final class ClaimRun implements AutoCloseable {

    private final ClaimCatalogue catalogue;
    private final java.util.function.Supplier<CachingSweepProvider> providerFactory;
    private CachingSweepProvider provider;
    private RuntimeException providerFailure;
    private final ClaimJudge judge;
    private final SweepFigures figures;
    private final List<Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());

    /** The provider is made on first use, so a missing one fails each case inside its body, under its name. */
    ClaimRun(ClaimCatalogue catalogue, java.util.function.Supplier<CachingSweepProvider> providerFactory) {
        this.catalogue = catalogue;
        this.providerFactory = providerFactory;
        this.judge = new ClaimJudge(catalogue);
        this.figures = new SweepFigures(new ScoreIntervals(catalogue.statistics().alpha()));
    }

    public ClaimCatalogue catalogue() {
        return catalogue;
    }

    /** The shared, caching provider; throws (every time) when none could be made. */
    public synchronized SweepProvider provider() {
        if (provider == null) {
            if (providerFailure != null) {
                throw new IllegalStateException(providerFailure.getMessage(), providerFailure);
            }
            try {
                provider = providerFactory.get();
            } catch (RuntimeException e) {
                providerFailure = e;
                throw e;
            }
            writeRunFiles();
        }
        return provider;
    }

    synchronized boolean providerReady() {
        return provider != null;
    }

    public SweepFigures figures() {
        return figures;
    }

    public Verdict judge(ClaimCase c) {
        Verdict v = judge.judge(c.claim(), c.model(), c.task(), provider());
        verdicts.add(v);
        return v;
    }

    public List<Verdict> verdicts() {
        synchronized (verdicts) {
            return List.copyOf(verdicts);
        }
    }

    /** Summary, console table, expectations; returns the problems that should fail the run. */
    public List<String> finish() {
        List<Verdict> all = verdicts();
        Path root = ClaimCatalogue.RepoRoot.find();
        Path summary = Path.of(System.getProperty("attendfirst.summary",
                root.resolve("target/claims-summary.json").toString()));
        List<attendfirst.report.ModelDigest> digests = modelDigests();
        ClaimsSummary.write(summary, all, catalogue.source(), digests);
        // a copy beside the Allure results, named by its models, so that results of several runners merged into
        // one folder carry every runner's summary to scripts/allure-report.sh (Allure ignores the file)
        Path copy = AllureResultsFiles.fromSystemProperty().dir().resolve(
                attendfirst.report.ReportLinks.summaryFileName(all.stream().map(Verdict::model).distinct().toList()));
        ClaimsSummary.write(copy, all, catalogue.source(), digests);
        System.out.println("\nClaims verdicts (" + summary + "):\n" + VerdictTable.render(all));
        Path expectations = Path.of(System.getProperty("attendfirst.expectations",
                root.resolve("fixtures/expectations").toString()));
        List<String> problems = new ArrayList<>();
        for (String model : all.stream().map(Verdict::model).distinct().toList()) {
            if (Boolean.getBoolean("attendfirst.acceptExpectations")) {
                System.out.println("accepted new expectations: " + Expectations.accept(expectations, model, all));
            } else {
                for (Expectations.Regression r : Expectations.compare(expectations, model, all)) {
                    System.out.println("REGRESSION " + r);
                    if (!"false".equals(System.getProperty("attendfirst.failOnRegression"))) {
                        problems.add("regression " + r);
                    }
                }
            }
        }
        if (Boolean.getBoolean("attendfirst.strict")) {
            problems.addAll(Expectations.strictFailures(all));
        }
        return problems;
    }

    /** What the report's model pages draw: the plotted curves, with the run's model files, dtype and device. */
    private List<attendfirst.report.ModelDigest> modelDigests() {
        java.util.Optional<RunEnvironment> env = provider == null ? java.util.Optional.empty()
                : provider.runEnvironment();
        return figures.digests().stream().map(d -> env.map(d::withRun).orElse(d)).toList();
    }

    private void writeRunFiles() {
        AllureResultsFiles files = AllureResultsFiles.fromSystemProperty();
        files.writeCategories();
        files.writeExecutor("claims " + Instant.now(), Long.toString(System.currentTimeMillis() / 1000));
        RunEnvironment env = provider.runEnvironment().orElseGet(() -> {
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("note", "the sweep provider reported no run environment");
            return new RunEnvironment(List.of(), "unknown", "unknown", "unknown", "unknown",
                    System.getProperty("java.version"), extra);
        });
        Map<String, String> extra = new LinkedHashMap<>(env.extra());
        extra.put("sweepProvider", provider.delegate().getClass().getName());
        extra.put("catalogue", catalogue.source().toString());
        files.writeEnvironment(new RunEnvironment(env.models(), env.dtype(), env.device(), env.djlVersion(),
                env.engine(), env.jdkVersion(), extra));
    }

    @Override
    public void close() throws Exception {
        if (provider != null && provider.delegate() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
