package attendfirst.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import attendfirst.model.EngineStart;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The CPU-fallback refusal and the thread settings, in this JVM (the guard in a fresh JVM: GpuProfileGuardTest). */
@Epic("Infrastructure")
@Feature("GPU profile")
class EngineStartTest {
    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void askedForAGpuAndGotDjlsCpuBuildIsRefusedNamingWhatWasLoaded() {
        // GIVEN DJL's engine as it starts here
        EngineStart.Loaded loaded = EngineStart.loaded(Engine.getEngine("PyTorch"));
        if (loaded.cudaBuild() && CudaUtils.getGpuCount() > 0) {
            // a GPU runner with -Dgpu: the engine runs on the GPU, with a CUDA build, and nothing is refused
            assertThat(loaded.device().isGpu()).as(loaded.describe()).isTrue();
            assertThat(EngineStart.refusal(true, loaded)).isEmpty();
            return;
        }
        // this CPU (or a GPU machine on the CPU build, without -Dgpu): the CPU libtorch of this build, on cpu()
        assertThat(loaded.device()).isEqualTo(Device.cpu());
        // WHEN a GPU was asked for THEN the run is refused, naming the flavour, path, version, device and the fix
        Optional<String> refusal = EngineStart.refusal(true, loaded);
        assertThat(refusal).isPresent();
        assertThat(refusal.get()).contains("runs on cpu()", "flavour cpu", "libtorch 2.7.1", loaded.libtorchDir(),
                "DJL chose its CPU build", "CUDA 12.8 runtime", "PYTORCH_FLAVOR=cu128", "scripts/gpu-smoke.sh");
        // AND without the request the same engine is fine
        assertThat(EngineStart.refusal(false, loaded)).isEmpty();
    }

    @Test
    void aCudaBuildThatSeesNoGpuIsRefusedForThatReason() {
        EngineStart.Loaded loaded = new EngineStart.Loaded("2.7.1", "/cache/pytorch/2.7.1-cu128-linux-x86_64", true, 0,
                "none usable", Device.cpu());
        assertThat(loaded.flavour()).isEqualTo("cu128");
        assertThat(EngineStart.refusal(true, loaded)).get().asString()
                .contains("the CUDA build of libtorch is loaded, but DJL sees no GPU", "flavour cu128 (with CUDA)");
    }

    @Test
    void aGpuDeviceIsNotRefused() {
        EngineStart.Loaded loaded = new EngineStart.Loaded("2.7.1", "/cache/pytorch/2.7.1-cu128-linux-x86_64", true, 1,
                "CUDA 128", Device.gpu());
        assertThat(EngineStart.refusal(true, loaded)).isEmpty();
    }

    @Test
    void aGpuRunOnAMachineWithoutGpuStopsBeforeTheEngineLoadsAnything() {
        assertThat(EngineStart.noGpuSeen(1, true)).isEmpty();
        assertThat(EngineStart.noGpuSeen(0, false)).get().asString().contains("JNA is not on the classpath");
        if (CudaUtils.getGpuCount() > 0) {
            if (EngineStart.loaded(Engine.getEngine("PyTorch")).cudaBuild()) {
                // a GPU runner with -Dgpu: the same request starts the engine on the GPU
                assertThat(EngineStart.start(props("attendfirst.device", "gpu")).defaultDevice().isGpu()).isTrue();
            } else {
                // a GPU machine on the CPU build (no -Dgpu): the engine starts, and the refusal names the CPU build
                assertThatThrownBy(() -> EngineStart.start(props("attendfirst.device", "gpu")))
                        .isInstanceOf(EngineStart.CpuFallbackException.class)
                        .hasMessageContaining("DJL chose its CPU build");
            }
            return;
        }
        // GIVEN this machine, whose DJL sees no GPU WHEN a GPU run starts THEN the named error, before any download
        assertThatThrownBy(() -> EngineStart.start(props("attendfirst.device", "gpu", "ai.djl.pytorch.num_threads", "")))
                .isInstanceOf(EngineStart.CpuFallbackException.class)
                .hasMessageStartingWith("no GPU: a GPU run was asked for")
                .hasMessageContainingAll("DJL sees no CUDA GPU", "Nothing was loaded", "CUDA 12.8");
    }

    @Test
    void threadCountsLibtorchRejectsAreRefusedByNameAndEmptyMeansUnset() {
        assertThatThrownBy(() -> EngineStart.start(props("ai.djl.pytorch.num_threads", "0")))
                .isInstanceOf(EngineStart.EngineStartException.class)
                .hasMessageContainingAll("-Dai.djl.pytorch.num_threads=0", "Expected positive number of threads");
        assertThatThrownBy(() -> EngineStart.start(props("ai.djl.pytorch.num_interop_threads", "-1")))
                .hasMessageContaining("-Dai.djl.pytorch.num_interop_threads=-1");
        assertThatThrownBy(() -> EngineStart.start(props("ai.djl.pytorch.num_threads", "two")))
                .hasMessageContaining("is not a number");
        // empty (the gpu profile) and positive (the cpu profile) start the engine
        assertThat(EngineStart.start(props("ai.djl.pytorch.num_threads", "")).getEngineName()).isEqualTo("PyTorch");
        assertThat(EngineStart.start(props("ai.djl.pytorch.num_threads", "1")).getEngineName()).isEqualTo("PyTorch");
    }

    @Test
    void anUnknownDeviceIsNamed() {
        assertThat(EngineStart.gpuRequested(props("attendfirst.device", " GPU "))).isTrue();
        assertThat(EngineStart.gpuRequested(props())).isFalse();
        assertThatThrownBy(() -> EngineStart.gpuRequested(props("attendfirst.device", "tpu")))
                .hasMessageContainingAll("-Dattendfirst.device=tpu", "expected gpu, cpu or empty");
    }
}
