package attendfirst.run;

import attendfirst.claim.CachingSweepProvider;
import attendfirst.claim.Claim;
import attendfirst.claim.ClaimCase;
import attendfirst.claim.ClaimCatalogue;
import attendfirst.claim.ClaimJudge;
import attendfirst.claim.ScoreIntervals;
import attendfirst.claim.SequentialRun;
import attendfirst.claim.SweepProvider;
import attendfirst.claim.Verdict;

import attendfirst.report.AllureResultsFiles;
import attendfirst.report.ClaimGate;
import attendfirst.report.ClaimsSummary;
import attendfirst.report.ModelDigest;
import attendfirst.report.ReportLinks;
import attendfirst.report.Expectations;
import attendfirst.report.SweepFigures;
import attendfirst.report.JudgedCell;
import attendfirst.report.SummaryFile;
import attendfirst.report.VerdictTable;
import attendfirst.sweep.RunEnvironment;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything one claims run shares: its configuration and id, the run folder, the cached provider, the judge,
 * the figure cache and the verdicts (with the plan each was judged under) collected so far. Lives in the root
 * ExtensionContext.Store (the claims test's extension, attendfirst.claim.SweepProviderExtension).
 *
 * <p>Before anything: the inputs RunConfig does not read (every baseline file of the run's models) are checked
 * ({@link #checkInputs}), and the run takes the lock on its outputs ({@link RunLock}; re-entrant when the script or
 * Maven of the same run holds it, so a second run stops here naming the holder).
 *
 * <p>Start: the run gets its id and folder ({@code target/claims-runs/<id>}, marked running), the Allure results
 * are cleared when the configuration asks for it, and the executor and environment say the run has not finished.
 * End ({@link #finish()}): the summary is written in the run folder, then the comparison with (or the merge into)
 * the expectations, then the environment of what was really loaded, and last the summary is moved into place
 * and the folder marked finished. A run killed before that leaves the previous summary where it was.
 */
public final class ClaimRun implements AutoCloseable {

    private static final String SUMMARY = "claims-summary.json";

    private final RunConfig config;
    private final RunLock lock;
    private final RunId id;
    private final RunFolder folder;
    private final AllureResultsFiles allure;
    private final Supplier<CachingSweepProvider> providerFactory;
    private final PrintStream out;
    private CachingSweepProvider provider;
    private RuntimeException providerFailure;
    private final ClaimJudge judge;
    private final SequentialRun sequential;
    private final Map<List<String>, Map<Claim, SequentialRun.Decision>> groups = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SequentialRun.Decision> decisions = new java.util.concurrent.ConcurrentHashMap<>();
    private final SweepFigures figures;
    private final List<Expectations.Judged> judged = Collections.synchronizedList(new ArrayList<>());

    /** The provider is made on first use, so a missing one fails each case inside its body, under its name. */
    public ClaimRun(RunConfig config, Supplier<CachingSweepProvider> providerFactory, PrintStream out) {
        this.config = config;
        this.providerFactory = providerFactory;
        this.out = out;
        checkInputs(config); // every input read before the first sweep (the provider is made on first use)
        this.lock = RunLock.acquire(RunLock.beside(config.gate()), out); // a second run stops here
        this.id = RunId.start(config);
        this.folder = RunFolder.start(config.runs(), id);
        this.allure = new AllureResultsFiles(config.allureResults());
        if (config.clearResults()) {
            allure.clear();
        }
        allure.writeCategories();
        allure.markRunning(id.toString());
        this.judge = new ClaimJudge(config.catalogue());
        this.sequential = new SequentialRun(judge, new attendfirst.claim.stats.SequentialDesign(
                config.catalogue().statistics().alpha(), config.looks()), budget());
        this.figures = new SweepFigures(new ScoreIntervals(config.catalogue().statistics().alpha()));
    }

    public RunConfig config() {
        return config;
    }

    /**
     * The inputs RunConfig does not read, checked before anything is swept: the baseline file of every model of
     * the run ({@code <expectations>/<model>.json}; a model without one has only new cells). Throws naming every
     * bad file and its field, so a malformed baseline stops the run at once instead of after the sweeps.
     */
    public static void checkInputs(RunConfig config) {
        List<String> problems = new ArrayList<>();
        for (String model : config.models()) {
            java.nio.file.Path file = Expectations.file(config.expectations(), model);
            if (!java.nio.file.Files.exists(file)) {
                continue;
            }
            try {
                Expectations.Stored stored = Expectations.read(file);
                if (!model.equals(stored.model())) {
                    problems.add(file + ": field model: expected \"" + model + "\" (the file's name), got \""
                            + stored.model() + "\"");
                }
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid baseline (expectations) file" + (problems.size() == 1 ? ""
                    : "s") + ", found before the first sweep (fix or restore with git checkout " + config.expectations()
                    + "):\n  - " + String.join("\n  - ", problems));
        }
    }

    private final long startNanos = System.nanoTime();
    private final java.util.Set<List<String>> started = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The run's budget (-Dattendfirst.budgetMinutes): a (model, task) may spend an equal share of the minutes left,
     * shared among itself and the (model, task)s not yet started, so what a cheap or untestable task leaves goes
     * to the ones after it.
     */
    private SequentialRun.Budget budget() {
        if (config.budgetMinutes() <= 0) {
            return SequentialRun.Budget.NONE;
        }
        return (model, task) -> {
            started.add(List.of(model, task));
            int groups = SequentialRun.groups(config.cases()).size();
            int notStarted = Math.max(0, groups - started.size());
            double left = config.budgetMinutes() * 60 - (System.nanoTime() - startNanos) / 1e9;
            return left / (1 + notStarted);
        };
    }

    public RunId id() {
        return id;
    }

    public RunFolder folder() {
        return folder;
    }

    public ClaimCatalogue catalogue() {
        return config.catalogue();
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
        }
        return provider;
    }

    synchronized boolean providerReady() {
        return provider != null;
    }

    public SweepFigures figures() {
        return figures;
    }

    /**
     * The cell's verdict. The first cell asked of a (model, task) runs that (model, task)'s adaptive sampling for
     * all its cells of this run ({@link SequentialRun}: rounds of examples, each look at alpha / looks, a decided
     * cell keeps its verdict); the switch claim is judged once, at its fixed size and the full alpha.
     */
    public Verdict judge(ClaimCase c) {
        SequentialRun.Decision d = decide(c);
        decisions.put(key(d.verdict()), d);
        Verdict v = d.verdict();
        judged.add(new Expectations.Judged(v, config.cellPlan(c.claim(), c.task())));
        return v;
    }

    /** How the verdict was reached: look, examples and alpha (empty for a verdict this run did not judge). */
    public java.util.Optional<SequentialRun.Decision> sampling(Verdict v) {
        return java.util.Optional.ofNullable(decisions.get(key(v)));
    }

    private static String key(Verdict v) {
        return v.claim().id() + "\u0000" + v.model() + "\u0000" + v.task();
    }

    private SequentialRun.Decision decide(ClaimCase c) {
        double alpha = catalogue().statistics().alpha();
        SweepProvider p = provider();
        if (c.claim().isSwitch()) {
            // one look at the switch experiment's fixed size spends the whole alpha
            Verdict v = judge.judge(c.claim(), c.model(), c.task(), p, alpha);
            SequentialRun.Decision d = new SequentialRun.Decision(v, 1, config.plan().switchExamples(), 1, alpha,
                    v.outcome() != Verdict.Outcome.INCONCLUSIVE);
            String note = "switch: single look at its fixed size, " + config.plan().switchExamples()
                    + " examples x " + config.plan().switchPairs() + " pairs";
            return new SequentialRun.Decision(SequentialRun.annotate(v, d, note), 1, d.examples(), 1, alpha,
                    d.decided(), note);
        }
        List<String> group = List.of(c.model(), c.task());
        started.add(group);
        Map<Claim, SequentialRun.Decision> decided = groups.computeIfAbsent(group, g -> {
            List<Claim> claims = SequentialRun.groups(config.cases()).get(g);
            SequentialRun.Rounds rounds = provider.delegate() instanceof SequentialRun.Rounds r ? r
                    : SequentialRun.slicing(p, claims.get(0).manipulation());
            return sequential.run(c.model(), c.task(), claims, rounds);
        });
        SequentialRun.Decision d = decided.get(c.claim());
        if (d == null) {
            throw new IllegalStateException(c.name() + " is not a cell of this run: " + config.cases());
        }
        return d;
    }

    public List<Verdict> verdicts() {
        return judgedCells().stream().map(Expectations.Judged::verdict).toList();
    }

    public List<Expectations.Judged> judgedCells() {
        synchronized (judged) {
            return List.copyOf(judged);
        }
    }

    /** Summary, console table, expectations, environment; returns what the gate reports and decides on. */
    public ClaimGate.Report finish() {
        List<Verdict> all = verdicts();
        Map<String, String> run = new LinkedHashMap<>();
        run.put("id", id.toString());
        run.put("status", "finished");
        run.put("started", id.started().toString());
        run.put("finished", Instant.now().toString());
        run.put("commit", id.commit());
        run.put("plan", config.planText());
        List<ModelDigest> digests = modelDigests();
        ClaimsSummary.write(folder.file(SUMMARY), all, catalogue().source(), run, digests,
                v -> sampling(v).map(SequentialRun.Decision::fields).orElse(Map.of()));
        // a copy beside the Allure results, named by its models, so that results of several runners merged into
        // one folder carry every runner's summary to scripts/allure-report.sh (Allure ignores the file)
        ClaimsSummary.write(allure.dir().resolve(ReportLinks.summaryFileName(
                all.stream().map(Verdict::model).distinct().toList())), all, catalogue().source(), run, digests,
                v -> sampling(v).map(SequentialRun.Decision::fields).orElse(Map.of()));
        List<JudgedCell> written = SummaryFile.read(folder.file(SUMMARY)).cells();
        out.println("\nClaims verdicts of run " + id + ":\n" + VerdictTable.console(written));
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String baseline = config.accept() ? accept(all, notes, problems) : compare(all, notes, problems);
        if (config.strict()) {
            problems.addAll(Expectations.strictFailures(all));
        }
        writeEnvironment();
        allure.writeExecutor("claims " + id, Long.toString(id.started().getEpochSecond()), id.toString());
        folder.publish(SUMMARY, config.summary());
        folder.finished("summary moved to " + config.summary());
        notes.forEach(out::println);
        return new ClaimGate.Report(id.toString(), config.cases().size(), all.size(), VerdictTable.findings(written),
                baseline, notes, problems);
    }

    /** What the report's model pages draw: the plotted curves, with the run's model files, dtype and device. */
    private List<ModelDigest> modelDigests() {
        java.util.Optional<RunEnvironment> env = provider == null ? java.util.Optional.empty()
                : provider.runEnvironment();
        return figures.digests().stream().map(d -> env.map(d::withRun).orElse(d)).toList();
    }

    private String compare(List<Verdict> all, List<String> notes, List<String> problems) {
        int regressions = 0;
        int compared = 0;
        int uncovered = 0;
        int planChanged = 0;
        int fresh = 0;
        for (String model : config.models()) {
            Expectations.Comparison c = Expectations.compare(config.expectations(), model, judgedCells());
            compared += c.compared();
            uncovered += c.uncovered().size();
            planChanged += c.planChanges().size();
            fresh += c.newCells().size();
            for (Expectations.Regression r : c.regressions()) {
                regressions++;
                (config.failOnRegression() ? problems : notes).add("REGRESSION " + r);
            }
            // a plan change touches every cell at once: a few lines, then the count
            c.planChanges().stream().limit(5).forEach(p -> notes.add("changed plan: " + model + " " + p));
            if (c.planChanges().size() > 5) {
                notes.add("changed plan: " + (c.planChanges().size() - 5) + " more cell(s) of " + model
                        + " judged under a plan with no stored cell (see the run's summary)");
            }
            c.newCells().forEach(n -> notes.add("new cell (no expectation yet): " + model + " " + n));
            if (!c.uncovered().isEmpty()) {
                notes.add(c.uncovered().size() + " stored cell(s) of " + model + " in " + c.file()
                        + " not covered by this run (not judged under their plan), e.g. "
                        + c.uncovered().subList(0, Math.min(3, c.uncovered().size())));
            }
        }
        return regressions + " regression(s) against " + config.expectations() + ": " + compared
                + " cell(s) compared, " + uncovered + " stored cell(s) not covered, " + planChanged
                + " judged under a changed plan, " + fresh + " new";
    }

    private String accept(List<Verdict> all, List<String> notes, List<String> problems) {
        int replaced = 0;
        int added = 0;
        int kept = 0;
        List<String> refused = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        for (String model : config.models()) {
            try {
                Expectations.Merge m = Expectations.accept(config.expectations(), model, judgedCells(),
                        config.acceptPartial(), id.toString());
                replaced += m.replaced();
                added += m.added();
                kept += m.kept();
                merged.add(model);
                notes.add("accepted into " + m.file() + ":");
                m.diff().forEach(d -> notes.add("  " + d));
            } catch (Expectations.PartialRunException e) {
                refused.add(model);
                problems.add(e.getMessage());
            }
        }
        if (merged.isEmpty()) {
            return "expectations in " + config.expectations() + " NOT merged: the merge was refused for "
                    + String.join(", ", refused) + " (see the problem below); nothing was written";
        }
        return "expectations in " + config.expectations() + " merged for " + String.join(", ", merged) + ": "
                + replaced + " cell(s) replaced, " + added + " added, " + kept + " kept unchanged; review with git diff "
                + config.expectations() + " and commit" + (refused.isEmpty() ? ""
                : "; NOT merged for " + String.join(", ", refused) + " (refused: see the problem below)");
    }

    /** What was really loaded, written at the end so that it can say it. */
    private void writeEnvironment() {
        RunEnvironment env = providerReady() ? provider.runEnvironment().orElse(null) : null;
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("run", id.toString());
        extra.put("run.status", "finished");
        if (env == null) {
            extra.put("note", "no model was loaded in this run (every case failed before its sweep)");
            env = new RunEnvironment(List.of(), "none loaded", "none loaded", ai.djl.engine.Engine.getDjlVersion(),
                    "none loaded", Runtime.version().toString(), Map.of());
        }
        extra.putAll(env.extra());
        extra.put("plan", config.planText());
        extra.put("threads", "intra-op " + config.torchThreads() + ", workers " + config.plan().workers()
                + ", cores " + Runtime.getRuntime().availableProcessors());
        extra.put("catalogue", catalogue().source().toString());
        extra.put("expectations", config.expectations().toString());
        allure.writeEnvironment(new RunEnvironment(env.models(), env.dtype(), env.device(), env.djlVersion(),
                env.engine(), env.jdkVersion(), extra));
    }

    /** The lock this run holds on its outputs (not owned when the script or Maven of the same run holds it). */
    public RunLock lock() {
        return lock;
    }

    @Override
    public void close() throws Exception {
        try {
            if (provider != null && provider.delegate() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } finally {
            lock.close();
        }
    }
}
