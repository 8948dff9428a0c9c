package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("Infrastructure")
@Feature("GPU profile")
class GpuCheckTest {
    @TempDir
    Path dir;

    @Test
    void noDriverAndNoNvidiaSmiFailsSayingThereIsNoCudaGpu() {
        // GIVEN no driver file and a PATH without nvidia-smi
        Optional<String> problem = GpuCheck.problem(dir.resolve("version"), List.of(dir));
        // THEN the check fails, saying so and what to do
        assertThat(problem).isPresent();
        assertThat(problem.get()).contains("no CUDA GPU").contains("Run without -Dgpu");
    }

    @Test
    void theDriverFileIsEnough() throws IOException {
        Path version = Files.writeString(dir.resolve("version"), "NVRM version: 550.54");
        assertThat(GpuCheck.problem(version, List.of())).isEmpty();
    }

    @Test
    void anNvidiaSmiOnThePathIsEnough() throws IOException {
        Path smi = Files.writeString(dir.resolve("nvidia-smi"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(GpuCheck.problem(dir.resolve("absent"), List.of(dir))).isEmpty();
    }

    @Test
    void thisMachineHasNoGpuSoTheRealCheckFails() {
        // GIVEN this machine (no GPU, see README) WHEN checked as the gpu profile does
        boolean driver = Files.isRegularFile(Path.of("/proc/driver/nvidia/version"));
        Optional<String> problem = GpuCheck.problem(Path.of("/proc/driver/nvidia/version"), List.of(Path.of("/usr/bin")));
        // THEN the outcome follows the driver's presence
        assertThat(problem.isPresent()).isEqualTo(!driver);
    }
}
