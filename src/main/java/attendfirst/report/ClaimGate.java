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
 * The build's verdict on a claims run. In JUnit a REFUTED claim is a failed test (red in the report),
 * but a refuted claim is a finding, not a broken build: the claims run ignores test failures and this
 * gate, run right after it, fails the build only on what should stop it: a verdict that differs from
 * the committed expectations (a regression), any REFUTED in strict mode, claim cases that produced no
 * verdict (an engine or infrastructure error), or a claims run that did not finish at all.
 *
 * <p>The claims harness writes {@code target/claims-gate.properties}; the gate reads and deletes it,
 * so a stale file from an earlier run can never pass a later one.
 */
public final class ClaimGate {
    public static final String FILE_PROPERTY = "attendfirst.gate";

    private ClaimGate() {
    }

    static Path file() {
        return Path.of(System.getProperty(FILE_PROPERTY, "target/claims-gate.properties"));
    }

    /** Written by the harness at the end of the claims run. */
    public static void write(int expectedCases, int verdicts, List<String> problems) {
        List<String> all = new ArrayList<>(problems);
        if (verdicts < expectedCases) {
            all.add((expectedCases - verdicts) + " of " + expectedCases
                    + " claim cases produced no verdict (engine or infrastructure error: see the failed cases)");
        }
        Properties p = new Properties();
        p.setProperty("cases", Integer.toString(expectedCases));
        p.setProperty("verdicts", Integer.toString(verdicts));
        p.setProperty("problems", Integer.toString(all.size()));
        for (int i = 0; i < all.size(); i++) {
            p.setProperty("problem." + i, all.get(i));
        }
        StringBuilder text = new StringBuilder();
        p.stringPropertyNames().stream().sorted().forEach(k -> text.append(k).append('=')
                .append(p.getProperty(k).replace("\\", "\\\\").replace("\n", "\\n")).append('\n'));
        AtomicFiles.write(file().toAbsolutePath(), text.toString());
    }

    /**
     * Checks the gate file. Arguments: none. Throws (so Maven's exec:java fails the build) on any
     * problem; a missing file means the claims run did not run or did not finish.
     */
    public static void main(String[] args) throws IOException {
        String selected = System.getProperty("test");
        if (selected != null && !selected.isBlank() && !selected.startsWith("${") && !selected.contains("Claims")) {
            System.out.println("claims gate: skipped (-Dtest=" + selected + " selects no claims)");
            return;
        }
        Path file = file().toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("claims gate: " + file + " is missing: the claims run did not run or did"
                    + " not finish (skip both with -Dattendfirst.skipClaims=true)");
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("claims gate: cannot read " + file, e);
        }
        Files.delete(file);
        int problems = Integer.parseInt(p.getProperty("problems", "-1"));
        String summary = p.getProperty("verdicts") + " verdicts for " + p.getProperty("cases") + " claim cases";
        if (problems != 0) {
            StringBuilder message = new StringBuilder("claims gate: " + summary + ", " + problems + " problem(s):");
            for (int i = 0; i < problems; i++) {
                message.append("\n  ").append(p.getProperty("problem." + i));
            }
            throw new IllegalStateException(message.toString());
        }
        System.out.println("claims gate: " + summary + ", no regression against the expectations");
    }
}
