package attendfirst.run;

import ai.djl.util.cuda.CudaUtils;
import attendfirst.model.EngineStart;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * First step of a {@code -Dgpu} build (the gpu profile runs it before any test or model download): fails when this
 * machine has no NVIDIA driver, instead of letting DJL download a CUDA libtorch and then run everything on the CPU
 * or hang on that download. Looks at the driver's traces ({@code /proc/driver/nvidia/version}, an {@code nvidia-smi}
 * on the PATH) and then counts GPUs as DJL does (libcudart through JNA), never starting DJL's engine, whose start is
 * what would download. The tests' own engine start refuses a CPU device again ({@code EngineStart}).
 */
public final class GpuCheck {
    private GpuCheck() {
    }

    /** Why this machine cannot run the gpu profile, or empty when it has an NVIDIA driver. */
    public static Optional<String> problem(Path driverVersionFile, List<Path> pathDirs) {
        boolean driver = Files.isRegularFile(driverVersionFile);
        boolean smi = pathDirs.stream().anyMatch(d -> Files.isExecutable(d.resolve("nvidia-smi")));
        if (driver || smi) {
            return Optional.empty();
        }
        return Optional.of("-Dgpu was given, but this machine has no CUDA GPU: no NVIDIA driver (" + driverVersionFile
                + " is missing and no nvidia-smi is on the PATH). The gpu profile would make DJL download a CUDA "
                + "build of libtorch and then run on the CPU. Run without -Dgpu for the CPU build, or on a GPU runner "
                + "(see README, 'Running on a GPU runner').");
    }

    public static void main(String[] args) {
        List<Path> path = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isBlank()) {
                path.add(Path.of(d));
            }
        }
        Optional<String> problem = problem(Path.of("/proc/driver/nvidia/version"), path);
        if (problem.isEmpty()) {
            // the driver is there; DJL also needs a CUDA runtime it can load (libcudart, through JNA) to see the GPU,
            // or it picks its CPU build of libtorch. Counting GPUs loads no libtorch and downloads nothing.
            problem = EngineStart.noGpuSeen(CudaUtils.getGpuCount(), true)
                    .map(m -> "the NVIDIA driver is present, but " + m);
        }
        if (problem.isPresent()) {
            // thrown, not System.exit: exec:java runs in Maven's JVM, which then reports BUILD FAILURE with this
            throw new IllegalStateException("gpu check: no GPU: " + problem.get());
        }
        System.out.println("gpu check: NVIDIA driver present, DJL sees " + CudaUtils.getGpuCount() + " GPU(s) with CUDA "
                + CudaUtils.getCudaVersionString() + " (PYTORCH_FLAVOR=" + System.getenv("PYTORCH_FLAVOR")
                + "); the tests' engine start refuses a CPU device (attendfirst.model.EngineStart)");
    }
}
