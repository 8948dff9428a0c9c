package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.fixture.Project;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults 3 and 4 of issue 18, injected into scripts/claim-report.sh in a scratch checkout: the real script, with
 * {@code mvn} and the report generation played by small stand-ins (no model, no Maven), and the outputs of a
 * previous run in place. (4) A build that fails early says so last and touches no output. (3) The summary and
 * the report are published together or not at all: a run killed while its report is generated (SIGTERM, or
 * SIGKILL and the next run) leaves both as they were and no half-made report.
 */
@Epic("Infrastructure")
@Feature("Run lifecycle")
class ClaimReportScriptTest {

    private static final String OLD_SUMMARY = "{\"run\": {\"id\": \"old\"}, \"verdicts\": []}\n";
    private static final String OLD_REPORT = "<html>old report</html>\n";

    @TempDir
    Path root;

    private Process script;
    private Path log;

    @BeforeEach
    void aCheckoutWithThePreviousRunsOutputs() throws IOException {
        Path scripts = Files.createDirectories(root.resolve("scripts"));
        Files.copy(Project.root().resolve("scripts/claim-report.sh"), scripts.resolve("claim-report.sh"));
        executable(scripts.resolve("fetch_models.py"), "import sys; sys.exit(0)\n");
        Files.createDirectories(root.resolve("allure-results"));
        Files.writeString(root.resolve("allure-results/environment.properties"), "run.status=finished\n");
        Files.createDirectories(root.resolve("allure-report"));
        Files.writeString(root.resolve("allure-report/index.html"), OLD_REPORT);
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/claims-summary.json"), OLD_SUMMARY);
        Files.createDirectories(root.resolve("bin"));
        log = root.resolve("script.log");
    }

    @AfterEach
    void stopWhatIsLeft() throws IOException {
        if (script != null) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
        Path pid = root.resolve("generator.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** mvn that fails at once, as {@code -Dgpu} does on this machine (gpu-check, before any test). */
    private void mvnFailingEarly() throws IOException {
        executable(root.resolve("bin/mvn"), "#!/usr/bin/env bash\necho '[ERROR] gpu-check: no GPU: cpu()'\nexit 1\n");
    }

    /** mvn whose claims run finishes: the summary where -Dclaims.summary says, a copy beside the results. */
    private void mvnFinishing() throws IOException {
        executable(root.resolve("bin/mvn"), """
                #!/usr/bin/env bash
                for a in "$@"; do case "$a" in -Dclaims.summary=*) S="${a#-Dclaims.summary=}" ;; esac; done
                mkdir -p "$(dirname "$S")"
                echo '{"run": {"id": "new"}, "verdicts": []}' > "$S"
                cp "$S" allure-results/claims-summary-m.json
                echo 'run.status=finished' > allure-results/environment.properties
                echo 'claims gate: build passes'
                """);
    }

    /** The report generation: a half-made report in NEXT.partial, then (after {@code seconds}) NEXT. */
    private void generator(int seconds) throws IOException {
        executable(root.resolve("scripts/allure-report.sh"), """
                #!/usr/bin/env bash
                echo $$ > generator.pid
                mkdir -p "$2.partial" && echo '<html>new report</html>' > "$2.partial/index.html"
                touch generating
                sleep %d
                mv "$2.partial" "$2"
                """.formatted(seconds));
    }

    private Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/claim-report.sh", "m").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("MAVEN_ARGS");
        script = pb.start();
        return script;
    }

    private int finish(Process p) throws InterruptedException {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return p.exitValue();
    }

    private List<String> output() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private void previousOutputsUntouched() throws IOException {
        assertThat(root.resolve("target/claims-summary.json")).hasContent(OLD_SUMMARY.strip());
        assertThat(root.resolve("allure-report/index.html")).hasContent(OLD_REPORT.strip());
        assertThat(root.resolve("allure-results/environment.properties")).hasContent("run.status=finished");
        assertThat(root.resolve("allure-report.next")).doesNotExist();
        assertThat(root.resolve("allure-report.next.partial")).doesNotExist();
        assertThat(root.resolve("allure-report.partial")).doesNotExist();
        assertThat(root.resolve("target/claims-pending")).doesNotExist();
        assertThat(root.resolve("target").resolve(RunLock.FILE)).doesNotExist();
    }

    private void awaitGeneration() throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(root.resolve("generating")); i++) {
            Thread.sleep(100);
        }
        assertThat(root.resolve("generating")).as("the report generation started").exists();
    }

    @Test
    void aBuildThatFailsEarlySaysSoLastAndTouchesNoOutput() throws Exception {
        // GIVEN a build that fails before any test (-Dgpu without a GPU), and the previous run's outputs
        mvnFailingEarly();
        generator(0);
        // WHEN the main job runs
        int status = finish(start());
        // THEN it fails, its last line says the build stopped before the claims finished, no gate is pointed at,
        // no report was regenerated from the previous results and nothing is touched
        assertThat(status).isNotZero();
        List<String> out = output();
        assertThat(out.get(out.size() - 1)).contains("FAILED").contains("the build stopped before the claims run"
                + " finished").contains("nothing was published");
        assertThat(String.join("\n", out)).doesNotContain("claims gate").doesNotContain("HTML report in");
        assertThat(root.resolve("generating")).as("no report generated").doesNotExist();
        previousOutputsUntouched();
    }

    @Test
    void aFinishedRunPublishesItsSummaryAndReportTogether() throws Exception {
        mvnFinishing();
        generator(0);
        assertThat(finish(start())).isZero();
        assertThat(root.resolve("target/claims-summary.json")).content().contains("\"new\"");
        assertThat(root.resolve("allure-report/index.html")).content().contains("new report");
        assertThat(root.resolve("allure-report.next")).doesNotExist();
        assertThat(root.resolve("target/claims-pending")).doesNotExist();
        assertThat(root.resolve("target").resolve(RunLock.FILE)).doesNotExist();
    }

    @Test
    void aRunKilledDuringReportGenerationPublishesNothing() throws Exception {
        // GIVEN a run that finished and is generating its report
        mvnFinishing();
        generator(30);
        Process p = start();
        awaitGeneration();
        // WHEN it is sent SIGTERM
        p.destroy();
        // THEN it exits non-zero, the previous summary and report stay, and no half-made report is left
        assertThat(finish(p)).isNotZero();
        assertThat(String.join("\n", output())).contains("interrupted: nothing published");
        previousOutputsUntouched();
    }

    @Test
    void leftoversOfARunKilledOutrightAreRemovedByTheNextRun() throws Exception {
        // GIVEN a run killed with SIGKILL while generating its report (no trap runs)
        mvnFinishing();
        generator(30);
        Process p = start();
        awaitGeneration();
        p.destroyForcibly();
        finish(p);
        // THEN the previous summary and report are still the published ones
        assertThat(root.resolve("target/claims-summary.json")).hasContent(OLD_SUMMARY.strip());
        assertThat(root.resolve("allure-report/index.html")).hasContent(OLD_REPORT.strip());
        // WHEN the next run starts (and fails early) THEN it removes the unpublished leftovers, saying so, takes
        // over the dead run's lock, and publishes nothing
        Files.delete(root.resolve("generating"));
        mvnFailingEarly();
        assertThat(finish(start())).isNotZero();
        assertThat(String.join("\n", output())).contains("removing allure-report.next.partial")
                .contains("taking over the stale lock");
        previousOutputsUntouched();
    }
}
