package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.report.ClaimGate;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("Infrastructure")
@Feature("Claims gate")
class ClaimGateStepTest {

    @TempDir
    Path dir;

    private Path gate() {
        return dir.resolve("claims-gate.properties");
    }

    private Path lock() {
        return dir.resolve(RunLock.FILE);
    }

    @Test
    void aTestSelectionWithoutClaimsSkipsTheGateAndReleasesTheLock() throws Exception {
        // GIVEN -Dtest selects an engineering test (no gate file: no claim ran), the lock held by this process
        RunLock.acquire(lock(), new PrintStream(OutputStream.nullOutputStream()));
        // WHEN the gate step runs THEN it skips, naming the selection, and the lock is released
        assertThat(ClaimGateStep.run("GgufFileTest", gate(), lock()))
                .isEqualTo("claims gate: skipped (-Dtest=GgufFileTest selects no claims)");
        assertThat(lock()).doesNotExist();
    }

    @Test
    void aSelectionOfTheClaimsIsGatedAndAFailingGateStillReleasesTheLock() {
        // GIVEN the claims were selected but wrote no gate file (the run did not finish), lock held
        RunLock.acquire(lock(), new PrintStream(OutputStream.nullOutputStream()));
        // WHEN the gate step runs THEN it fails saying so, and the lock goes all the same
        assertThatThrownBy(() -> ClaimGateStep.run("ClaimsTest", gate(), lock())).hasMessageContaining("is missing");
        assertThat(lock()).doesNotExist();
    }

    @Test
    void noSelectionIsGatedLikeAnyClaimsRun() throws Exception {
        ClaimGate.write(gate(), new ClaimGate.Report("r1", 2, 2, "2 hold", "0 regression(s)", List.of(), List.of()));
        assertThat(ClaimGateStep.run(null, gate(), lock())).contains("claims run r1").contains("build passes");
        // Maven's unresolved "${test}" is no selection either: the (now consumed) gate file is looked for
        assertThatThrownBy(() -> ClaimGateStep.run("${test}", gate(), lock())).hasMessageContaining("is missing");
    }
}
