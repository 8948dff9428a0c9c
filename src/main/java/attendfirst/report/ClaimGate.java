package attendfirst.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The build's verdict on a claims run, and the run's voice on the console. In JUnit a REFUTED claim is a failed
 * test (red in the report), but a refuted claim is a finding, not a broken build: the claims execution is quiet
 * (its output goes to target/surefire-reports-claims) and ignores test failures, and this gate, run right after
 * it, prints the findings ("14 claims refuted, 11 inconclusive, 8 hold; 0 regressions: build passes") and fails
 * the build only on what should stop it: a verdict that differs from the expectations under the same plan (a
 * regression), any REFUTED in strict mode, claim cases that produced no verdict (an engine or infrastructure
 * error), an expectations merge that was refused, or a claims run that did not finish at all.
 *
 * <p>The claims harness writes {@code target/claims-gate.properties}; the gate (the build step
 * attendfirst.run.ClaimGateStep) reads and deletes it, so a stale file from an earlier run can never pass a later
 * one.
 */
public final class ClaimGate {
    /** The system property naming the gate file (read by the build steps in run/). */
    public static final String FILE_PROPERTY = "attendfirst.gate";

    /**
     * What the harness hands the gate.
     *
     * @param runId    the run's id
     * @param cases    claim cases the run was to judge
     * @param verdicts verdicts it produced
     * @param findings "14 claims refuted, 11 inconclusive, 8 hold"
     * @param baseline one line on the comparison with the expectations (or the merge into them)
     * @param notes    lines the reader should see (merge diff, changed plans, uncovered cells)
     * @param problems what fails the build
     */
    public record Report(String runId, int cases, int verdicts, String findings, String baseline, List<String> notes,
                         List<String> problems) {
        public Report {
            notes = List.copyOf(notes);
            problems = List.copyOf(problems);
        }
    }

    private ClaimGate() {
    }

    /** Written by the harness at the end of the claims run. */
    public static void write(Path file, Report r) {
        List<String> all = new ArrayList<>(r.problems());
        if (r.verdicts() < r.cases()) {
            all.add((r.cases() - r.verdicts()) + " of " + r.cases()
                    + " claim cases produced no verdict (engine or infrastructure error: see the failed cases in"
                    + " target/surefire-reports-claims and the report)");
        }
        Properties p = new Properties();
        p.setProperty("run", r.runId());
        p.setProperty("cases", Integer.toString(r.cases()));
        p.setProperty("verdicts", Integer.toString(r.verdicts()));
        p.setProperty("findings", r.findings());
        p.setProperty("baseline", r.baseline());
        list(p, "note", r.notes());
        list(p, "problem", all);
        StringBuilder text = new StringBuilder();
        p.stringPropertyNames().stream().sorted().forEach(k -> text.append(k).append('=')
                .append(p.getProperty(k).replace("\\", "\\\\").replace("\n", "\\n")).append('\n'));
        AtomicFiles.write(file.toAbsolutePath(), text.toString());
    }

    private static void list(Properties p, String name, List<String> items) {
        p.setProperty(name + "s", Integer.toString(items.size()));
        for (int i = 0; i < items.size(); i++) {
            p.setProperty(name + "." + i, items.get(i));
        }
    }

    /** The console report of a passing run; throws with the report and the problems otherwise. */
    public static String check(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("claims gate: " + file + " is missing: the claims run did not run or did"
                    + " not finish (killed, or it crashed before its end: see target/surefire-reports-claims; skip"
                    + " both with -Dattendfirst.skipClaims=true)");
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("claims gate: cannot read " + file, e);
        }
        Files.delete(file);
        int problems = Integer.parseInt(p.getProperty("problems", "-1"));
        StringBuilder report = new StringBuilder("claims run " + p.getProperty("run") + ": " + p.getProperty("verdicts")
                + " of " + p.getProperty("cases") + " claim cases judged: " + p.getProperty("findings") + "\n  "
                + p.getProperty("baseline"));
        int notes = Integer.parseInt(p.getProperty("notes", "0"));
        for (int i = 0; i < notes; i++) {
            report.append("\n  ").append(p.getProperty("note." + i).replace("\n", "\n  "));
        }
        if (problems != 0) {
            report.append("\nclaims gate: build fails, ").append(problems).append(" problem(s):");
            for (int i = 0; i < problems; i++) {
                report.append("\n  ").append(p.getProperty("problem." + i).replace("\n", "\n  "));
            }
            throw new IllegalStateException(report.toString());
        }
        return report.append("\nclaims gate: build passes (refuted and inconclusive claims are findings, not failures)")
                .toString();
    }
}
