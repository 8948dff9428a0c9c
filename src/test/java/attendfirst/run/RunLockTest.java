package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 1 of issue 18 (two runs at once in one checkout): the lock a run takes on its outputs. Another run is
 * played by a real process of this machine (a {@code sleep}); a dead one by a process that has ended.
 */
@Epic("Infrastructure")
@Feature("Run lifecycle")
class RunLockTest {

    @TempDir
    Path dir;

    private Process other;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    @AfterEach
    void stopTheOtherRun() {
        if (other != null) {
            other.destroyForcibly();
        }
    }

    private Path lock() {
        return dir.resolve("target").resolve(RunLock.FILE);
    }

    private void heldBy(long pid, String command) throws IOException {
        Files.createDirectories(lock().getParent());
        Files.writeString(lock(), "{\"pid\": " + pid + ", \"started\": \"2026-12-02T05:00:00Z\", \"command\": \""
                + command + "\"}\n");
    }

    @Test
    void aSecondRunStopsNamingTheHoldersPidStartAndCommand() throws IOException {
        // GIVEN a live process of another run holds the lock
        other = new ProcessBuilder("sleep", "60").start();
        heldBy(other.pid(), "scripts/claim-report.sh smollm2-135m-instruct");
        // WHEN this run takes it THEN it stops, saying who holds the outputs, and the lock stays the other's
        assertThatThrownBy(() -> RunLock.acquire(lock(), out))
                .isInstanceOf(RunLock.HeldException.class)
                .hasMessageContaining("another claims run holds the outputs")
                .hasMessageContaining("pid " + other.pid())
                .hasMessageContaining("started 2026-12-02T05:00:00Z")
                .hasMessageContaining("command: scripts/claim-report.sh smollm2-135m-instruct")
                .hasMessageContaining(lock().toString());
        assertThat(RunLock.read(lock())).get().extracting(RunLock.Holder::pid).isEqualTo(other.pid());
    }

    @Test
    void aStaleLockOfADeadProcessIsTakenOverWithAMessage() throws Exception {
        // GIVEN the lock of a run whose process has ended (killed, say)
        Process dead = new ProcessBuilder("true").start();
        assertThat(dead.waitFor(30, TimeUnit.SECONDS)).isTrue();
        heldBy(dead.pid(), "mvn -Pclaims test");
        // WHEN this run takes it
        try (RunLock lock = RunLock.acquire(lock(), out)) {
            // THEN it is this process's now, and the console says whose stale lock it took over
            assertThat(lock.owned()).isTrue();
            assertThat(RunLock.read(lock())).get().extracting(RunLock.Holder::pid)
                    .isEqualTo(ProcessHandle.current().pid());
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("taking over the stale lock")
                    .contains("pid " + dead.pid()).contains("mvn -Pclaims test");
        }
        // and released at the end
        assertThat(lock()).doesNotExist();
    }

    @Test
    void theSameRunTakesItsOwnLockAgainWithoutReleasingIt() {
        // GIVEN this process holds the lock (Maven holds it for the surefire JVM of the same run likewise)
        try (RunLock first = RunLock.acquire(lock(), out)) {
            // WHEN it is taken again THEN that succeeds without owning it, and closing the second keeps it
            RunLock again = RunLock.acquire(lock(), out);
            assertThat(again.owned()).isFalse();
            again.close();
            assertThat(lock()).exists();
        }
        assertThat(lock()).doesNotExist();
    }

    @Test
    void aLockHeldByAnAncestorIsThisRunsOwn() throws IOException {
        // GIVEN the parent process (the script or Maven of this run) holds the lock
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        heldBy(parent, "scripts/claim-report.sh");
        // WHEN this process takes it THEN it may, without owning it; releasing leaves the parent's lock
        RunLock lock = RunLock.acquire(lock(), out);
        assertThat(lock.owned()).isFalse();
        lock.close();
        RunLock.releaseIfMine(lock());
        assertThat(RunLock.read(lock())).get().extracting(RunLock.Holder::pid).isEqualTo(parent);
    }

    @Test
    void theBuildsSecondRunStopsBeforeClearingTheFirstRunsResults() throws IOException {
        // GIVEN another run holds the outputs and has results in allure-results/
        other = new ProcessBuilder("sleep", "60").start();
        heldBy(other.pid(), "mvn -Pclaims test");
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Path result = Files.writeString(results.resolve("abc-result.json"), "{}");
        // WHEN the build's first claims step (ClearResults) of a second run starts THEN it stops, clearing nothing
        assertThatThrownBy(() -> ClearResults.clear(results, lock(), null))
                .hasMessageContaining("pid " + other.pid());
        assertThat(result).exists();
    }

    @Test
    void aTestSelectionWithoutClaimsNeitherLocksNorClears() throws IOException {
        // GIVEN results of an earlier run, and a build selecting a test that does not exist
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        Path result = Files.writeString(results.resolve("abc-result.json"), "{}");
        // WHEN the build's clear step runs THEN it leaves the results alone and takes no lock
        assertThat(ClearResults.clear(results, lock(), "NoSuchTest")).contains("selects no claims");
        assertThat(result).exists();
        assertThat(lock()).doesNotExist();
        // while a build that runs the claims clears them, holding the lock until the gate step releases it
        assertThat(ClearResults.clear(results, lock(), null)).contains("cleared");
        assertThat(result).doesNotExist();
        assertThat(RunLock.read(lock())).get().extracting(RunLock.Holder::pid).isEqualTo(ProcessHandle.current().pid());
        RunLock.releaseIfMine(lock());
        assertThat(lock()).doesNotExist();
    }
}
