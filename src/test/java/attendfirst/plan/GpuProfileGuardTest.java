package attendfirst.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.cuda.CudaUtils;
import attendfirst.fixture.Project;
import attendfirst.model.EngineProbe;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CI guard of the GPU path on this CPU: DJL's engine is started in a fresh JVM with exactly what the {@code gpu}
 * profile hands a test JVM (system properties, JVM arguments and environment read from pom.xml, plus the DJL
 * variables of gpu.yml's job environment), on the CPU libtorch of this build. A profile setting that stops DJL's
 * engine (as {@code torch.threads=0} did) fails here instead of on a GPU runner; and the project's own engine start
 * under the same settings must refuse this CPU by name (and give the GPU on a GPU runner, where this test runs in
 * gpu.yml's engineering job).
 */
@Epic("Infrastructure")
@Feature("GPU profile")
class GpuProfileGuardTest {
    static final Path POM = Project.root().resolve("pom.xml");
    static final Path GPU_YML = Project.root().resolve(".github/workflows/gpu.yml");

    record Outcome(int exit, String output) {
    }

    static PomSettings gpuProfile() {
        // `mvn -Dgpu ...`: the gpu profile, and surefire passes the user property gpu=true on
        return PomSettings.read(POM, "gpu", Map.of("gpu", "true"));
    }

    /** A fresh JVM on this test classpath (the CPU libtorch) running {@link EngineProbe} under {@code s}. */
    static Outcome probe(PomSettings s, Map<String, String> env, String mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(s.jvmArgs());
        s.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(EngineProbe.class.getName());
        cmd.add(mode);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String k : List.of("PYTORCH_FLAVOR", "PYTORCH_VERSION", "PYTORCH_LIBRARY_PATH", "DJL_OFFLINE")) {
            pb.environment().remove(k);
        }
        pb.environment().putAll(s.environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("engine probe did not finish in 2 minutes: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return new Outcome(p.exitValue(), "command: " + cmd + "\n" + text);
    }

    @Test
    void thePomsGpuProfilePassesDjlTheSettingsThisGuardExercises() {
        // GIVEN the gpu profile as pom.xml defines it
        PomSettings s = gpuProfile();
        // THEN the settings that matter are there (a guard that read nothing would pass vacuously)
        assertThat(s.systemProperties()).containsKeys("ai.djl.pytorch.num_threads", "ai.djl.offline",
                "attendfirst.device");
        assertThat(s.systemProperties()).containsEntry("attendfirst.device", "gpu");
        assertThat(s.jvmArgs()).anyMatch(a -> a.startsWith("-Xmx"));
        assertThat(PomSettings.workflowDjlEnvironment(GPU_YML)).containsEntry("PYTORCH_FLAVOR", "cu128");
    }

    @Test
    void djlsEngineStartsWithTheGpuProfilesSettings() throws Exception {
        // GIVEN exactly what the gpu profile and gpu.yml hand DJL, on this CPU libtorch
        PomSettings s = gpuProfile();
        // WHEN DJL's engine is started with them in a fresh JVM
        Outcome o = probe(s, PomSettings.workflowDjlEnvironment(GPU_YML), "djl");
        // THEN it starts
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.output()).contains("ENGINE STARTED libtorch 2.7.1");
    }

    @Test
    void aZeroThreadCountStopsDjlsEngineSoTheGuardWouldSeeIt() throws Exception {
        // GIVEN the gpu profile's settings with ai.djl.pytorch.num_threads=0, what the profile used to pass
        PomSettings s = gpuProfile();
        Map<String, String> sys = new LinkedHashMap<>(s.systemProperties());
        sys.put("ai.djl.pytorch.num_threads", "0");
        // WHEN DJL's engine is started THEN libtorch refuses and the engine does not start
        Outcome o = probe(new PomSettings(sys, s.jvmArgs(), s.environment()), Map.of(), "djl");
        assertThat(o.exit()).as(o.output()).isEqualTo(1);
        assertThat(o.output()).contains("ENGINE FAILED").contains("positive number of threads");
    }

    @Test
    void theCpuProfilesSettingsStartTheEngineWithOneThread() throws Exception {
        Outcome o = probe(PomSettings.read(POM, "cpu", Map.of()), Map.of(), "djl");
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.output()).contains("ENGINE STARTED").contains("intraOpThreads=1 ");
    }

    @Test
    void aGpuProfileRunOnThisCpuStopsWithTheNamedNoGpuError() throws Exception {
        // GIVEN the gpu profile's settings on this machine, which has no GPU
        // WHEN the project starts its engine (as every model load and every -Dgpu test JVM does)
        Outcome o = probe(gpuProfile(), PomSettings.workflowDjlEnvironment(GPU_YML), "run");
        boolean cpuBuildHere = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .contains("pytorch-native-cpu");
        if (CudaUtils.getGpuCount() > 0 && !cpuBuildHere) {
            // a GPU runner with -Dgpu (the engineering job of gpu.yml): the same settings give the GPU
            assertThat(o.exit()).as(o.output()).isZero();
            assertThat(o.output()).contains("DEVICE gpu(0)");
            return;
        }
        if (CudaUtils.getGpuCount() > 0) {
            // a GPU machine, but this build's classpath has the CPU libtorch (no -Dgpu): refused after the start
            assertThat(o.exit()).as(o.output()).isEqualTo(2);
            assertThat(o.output()).contains("REFUSED CpuFallbackException: no GPU:", "DJL chose its CPU build");
            return;
        }
        // THEN it refuses by name, saying what is missing and what to install
        assertThat(o.exit()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("REFUSED CpuFallbackException: no GPU: a GPU run was asked for")
                .contains("cpu()").contains("CUDA 12.8").contains("PYTORCH_FLAVOR=cu128");
    }
}
