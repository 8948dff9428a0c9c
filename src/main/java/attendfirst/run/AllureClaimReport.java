package attendfirst.run;

import attendfirst.claim.Claim;
import attendfirst.claim.ClaimCase;
import attendfirst.report.ReportLinks;
import attendfirst.report.SweepCsv;
import attendfirst.claim.Comparison;
import attendfirst.claim.LayerRange;
import attendfirst.claim.Verdict;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import io.qameta.allure.Allure;
import io.qameta.allure.model.Label;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Allure labels, parameters and attachments of one claim case (allure-java-commons is a compile dependency so
 * that the run's lifecycle lives in main); the pictures and CSV come from the report package.
 */
public final class AllureClaimReport {

    private AllureClaimReport() {
    }

    /** The epic of the claims, as on {@code ClaimsTest}. */
    public static final String EPIC = "Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)";

    /**
     * Epic = the paper and the run id (so the Behaviors tree says which run it shows), feature = claim family,
     * story = claim; parameters name model, task and the band as a fraction.
     */
    public static void describe(ClaimCase c, String runId) {
        Claim claim = c.claim();
        // The case name, not "method(params) name", and a history id that survives reordering of the matrix
        // (the default one includes the invocation index), so Allure's trend follows each case across runs.
        Allure.getLifecycle().updateTestCase(r -> {
            r.setName(c.name());
            r.setHistoryId(sha256(c.name()));
            r.setTestCaseId(sha256(c.name()));
            r.getLabels().removeIf(l -> "epic".equals(l.getName()));
            r.getLabels().add(new Label().setName("epic").setValue(EPIC + " | run " + runId));
        });
        Allure.parameter("run", runId);
        Allure.feature(claim.family());
        Allure.story(claim.label());
        Allure.description(claim.paperWords() + "\n\nRule: " + claim.comparison().rule() + "\n\n"
                + ReportLinks.descriptionMarkdown(c.model()));
        Allure.parameter("model", c.model());
        Allure.parameter("task", c.task());
        LayerRange r = claim.comparison().range();
        Allure.parameter("layer range (fraction of L)", String.format("%s = [%.4f, %.4f)", r.text(), r.from(), r.to()));
    }

    /**
     * A refutation recorded as a finding: the JUnit test passes, the Allure result is FAILED with the verdict
     * message (see {@link RefutedClaimStatus}), so it lands under "Claim refuted" like a failed assertion would.
     */
    public static void recordRefutation(Verdict v) {
        Allure.getLifecycle().updateTestCase(r -> {
            r.getLabels().add(RefutedClaimStatus.label(v.outcome().name()));
            r.setStatusDetails(new io.qameta.allure.model.StatusDetails().setMessage(v.message()));
        });
    }

    public static void attach(Verdict v, ClaimRun run) {
        Claim claim = v.claim();
        LayerRange band = claim.comparison().range();
        Allure.parameter("layer range (k)", band.describe(v.numLayers()));
        String judgedKs = v.checks().stream().map(p -> Integer.toString(p.k())).distinct().collect(Collectors.joining(","));
        run.sampling(v).ifPresent(d -> Allure.parameter("sampling", d.describe()));
        Allure.parameter("k judged", judgedKs.isEmpty() ? "none (" + v.explanation() + ")" : judgedKs);
        Allure.addAttachment("verdict", "text/plain", v.message(), ".txt");
        if (run.sampling(v).map(d -> d.look() == 0).orElse(false)) {
            return; // not testable: decided before any sweep, and nothing was swept to plot
        }
        if (claim.isSwitch()) {
            SwitchResult s = run.provider().switchSweep(v.model());
            png("switch heat map " + v.model(), run.figures().switchHeatMap(s));
            Allure.addAttachment("switch sweep.csv", "text/csv", SweepCsv.switches(s, run.id().toString()), ".csv");
            return;
        }
        List<SweepResult> shown = new ArrayList<>();
        for (String m : manipulationsOf(run, v.task())) {
            shown.add(run.provider().sweep(v.model(), v.task(), m));
        }
        png("score vs k: " + v.model() + " | " + v.task(), run.figures().scorePlot(shown, band));
        List<SweepResult> judged = new ArrayList<>();
        judged.add(run.provider().sweep(v.model(), v.task(), claim.manipulation()));
        if (claim.comparison() instanceof Comparison.Dominates d) {
            judged.add(run.provider().sweep(v.model(), v.task(), d.other()));
        }
        Allure.addAttachment("sweep.csv", "text/csv", SweepCsv.sweeps(judged, run.id().toString()), ".csv");
    }

    /** Every swept manipulation the catalogue judges on this task, so each plot shows them all. */
    private static Set<String> manipulationsOf(ClaimRun run, String task) {
        Set<String> out = new LinkedHashSet<>();
        for (Claim c : run.catalogue().claims()) {
            if (c.isSwitch() || !c.tasks().contains(task)) {
                continue;
            }
            out.add(c.manipulation());
            if (c.comparison() instanceof Comparison.Dominates d) {
                out.add(d.other());
            }
        }
        List<String> order = Arrays.asList("random", "shuffle", "freeze", "skip-attention");
        return out.stream().sorted((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void png(String name, byte[] bytes) {
        Allure.addAttachment(name, "image/png", new ByteArrayInputStream(bytes), ".png");
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
