package attendfirst.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimGateTest {
    @TempDir
    Path dir;
    private Path gate;

    @BeforeEach
    void pointTheGateAtATempFile() {
        gate = dir.resolve("claims-gate.properties");
        System.setProperty(ClaimGate.FILE_PROPERTY, gate.toString());
        System.clearProperty("test");
    }

    @AfterEach
    void restore() {
        System.clearProperty(ClaimGate.FILE_PROPERTY);
    }

    @Test
    void aCompleteRunWithoutRegressionsPassesAndConsumesTheFile() {
        // GIVEN every case judged, no problem
        ClaimGate.write(33, 33, List.of());
        // WHEN / THEN
        assertThatCode(() -> ClaimGate.main(new String[0])).doesNotThrowAnyException();
        assertThat(gate).doesNotExist();
    }

    @Test
    void aRegressionFailsTheGateNamingIt() {
        ClaimGate.write(33, 33, List.of("regression smollm2-135m-instruct C1|capitals: expected HOLDS, got REFUTED"));
        assertThatThrownBy(() -> ClaimGate.main(new String[0]))
                .hasMessageContaining("1 problem")
                .hasMessageContaining("C1|capitals: expected HOLDS, got REFUTED");
    }

    @Test
    void casesWithoutAVerdictFailTheGate() {
        ClaimGate.write(33, 30, List.of());
        assertThatThrownBy(() -> ClaimGate.main(new String[0]))
                .hasMessageContaining("3 of 33 claim cases produced no verdict");
    }

    @Test
    void aMissingFileMeansTheClaimsRunDidNotFinish() {
        assertThat(Files.exists(gate)).isFalse();
        assertThatThrownBy(() -> ClaimGate.main(new String[0]))
                .hasMessageContaining("is missing")
                .hasMessageContaining("-Dattendfirst.skipClaims=true");
    }

    @Test
    void aTestSelectionWithoutClaimsSkipsTheGate() {
        System.setProperty("test", "GgufFileTest");
        try {
            assertThatCode(() -> ClaimGate.main(new String[0])).doesNotThrowAnyException();
        } finally {
            System.clearProperty("test");
        }
    }

    @Test
    void multiLineProblemsSurviveTheFileRoundTrip() {
        ClaimGate.write(2, 2, List.of("first\nsecond line", "back\\slash"));
        assertThatThrownBy(() -> ClaimGate.main(new String[0]))
                .hasMessageContaining("first\nsecond line")
                .hasMessageContaining("back\\slash");
    }
}
