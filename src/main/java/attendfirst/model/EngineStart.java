package attendfirst.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts DJL's PyTorch engine, once per JVM, and holds it to the device the run asked for. Every model load on the
 * default device ({@link ModelLoader#defaultDevice()}) and every test JVM of a {@code -Dgpu} build (the
 * {@code GpuRunGuard} session listener) passes here, so a GPU run cannot drift to the CPU.
 *
 * <p>Settings (system properties, as the pom's surefire configuration passes them):
 * <ul>
 *   <li>{@code attendfirst.device}: {@code gpu} (the {@code gpu} profile: refuse a CPU device), {@code cpu}, or
 *       empty / unset (whatever DJL picks);</li>
 *   <li>{@code ai.djl.pytorch.num_threads}, {@code ai.djl.pytorch.num_interop_threads}: read by DJL's
 *       {@code PtEngine} with {@code Integer.getInteger}, which ignores an empty value; a number reaches libtorch,
 *       which rejects 0 and negatives ("Expected positive number of threads"), so those are refused here by name
 *       before DJL sees them.</li>
 * </ul>
 */
public final class EngineStart {
    public static final String DEVICE = "attendfirst.device";
    public static final String THREADS = "ai.djl.pytorch.num_threads";
    public static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private static Engine started;

    private EngineStart() {
    }

    /** What DJL loaded and which device it hands out: the facts the refusal names. */
    public record Loaded(String libtorchVersion, String libtorchDir, boolean cudaBuild, int gpusSeen,
                         String cudaRuntime, Device device) {
        /** The flavour of the libtorch build: DJL names its cache directory VERSION-FLAVOUR-CLASSIFIER. */
        public String flavour() {
            String dir = String.valueOf(Path.of(libtorchDir).getFileName());
            // e.g. 2.7.1-cu128-linux-x86_64 (downloaded) or 2.7.1-20250812-cpu-linux-x86_64 (from the jar)
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^.*-((?:cpu|cu\\d+)(?:-precxx11)?)-(?:linux|win|osx)-[a-z0-9_]+$").matcher(dir);
            if (m.matches()) {
                return m.group(1);
            }
            return cudaBuild ? "a CUDA build (directory " + dir + ")" : "a CPU build (directory " + dir + ")";
        }

        public String describe() {
            return "DJL loaded libtorch " + libtorchVersion + ", flavour " + flavour() + " ("
                    + (cudaBuild ? "with" : "without") + " CUDA) from " + libtorchDir + "; CUDA runtime seen through JNA: "
                    + cudaRuntime + ", GPUs: " + gpusSeen + "; default device " + device;
        }
    }

    /** The engine of this JVM, started with {@link System#getProperties()} (once; later calls return it). */
    public static synchronized Engine engine() {
        if (started == null) {
            started = start(System.getProperties());
        }
        return started;
    }

    /** The device models load on: the engine's default device, refused when a GPU was asked for and this is the CPU. */
    public static Device device() {
        return engine().defaultDevice();
    }

    /**
     * Starts DJL's PyTorch engine under {@code p}: refuses a non-positive thread count by name, turns an engine that
     * does not start into an error naming the settings, and refuses a CPU device when {@code attendfirst.device=gpu}.
     */
    public static Engine start(Properties p) {
        boolean gpu = gpuRequested(p);
        List<String> problems = new ArrayList<>();
        threadsProblem(p, THREADS).ifPresent(problems::add);
        threadsProblem(p, INTEROP_THREADS).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new EngineStartException(String.join("; ", problems));
        }
        if (gpu) {
            // before the engine starts: with no GPU in sight DJL would pick (and maybe download) its CPU build
            noGpuSeen(CudaUtils.getGpuCount(), jnaPresent()).ifPresent(m -> {
                throw new CpuFallbackException(m);
            });
        }
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (EngineException | IllegalArgumentException e) {
            throw new EngineStartException("DJL's PyTorch engine did not start (" + settings(p) + "): "
                    + rootMessage(e), e);
        }
        Optional<String> refusal = refusal(gpu, loaded(engine));
        if (refusal.isPresent()) {
            throw new CpuFallbackException(refusal.get());
        }
        return engine;
    }

    /** {@code attendfirst.device}: gpu, cpu, or empty / unset for DJL's own choice. */
    public static boolean gpuRequested(Properties p) {
        String v = p.getProperty(DEVICE, "").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "gpu" -> true;
            case "", "cpu" -> false;
            default -> throw new EngineStartException("-D" + DEVICE + "=" + p.getProperty(DEVICE)
                    + ": expected gpu, cpu or empty (the gpu profile sets gpu)");
        };
    }

    /** A thread setting DJL would pass on to libtorch and libtorch would reject; empty is unset (DJL ignores it). */
    static Optional<String> threadsProblem(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            int n = Integer.decode(v.trim());
            if (n > 0) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.of("-D" + key + "=" + v + " is not a number: DJL would silently ignore it; expected a "
                    + "positive thread count or empty for libtorch's default");
        }
        return Optional.of("-D" + key + "=" + v + ": libtorch rejects it (\"Expected positive number of threads\") and "
                + "DJL's PyTorch engine would not start; expected a positive thread count or empty (unset) for "
                + "libtorch's default");
    }

    /** The facts of a started engine. */
    public static Loaded loaded(Engine engine) {
        int gpus = CudaUtils.getGpuCount();
        String runtime;
        if (gpus > 0) {
            runtime = "CUDA " + CudaUtils.getCudaVersionString();
        } else {
            runtime = "none usable (libcudart not found by JNA, or no device)";
        }
        String dir;
        try {
            dir = LibUtils.getLibtorchPath();
        } catch (RuntimeException e) {
            dir = "(unknown: " + e.getMessage() + ")";
        }
        return new Loaded(engine.getVersion(), dir, engine.hasCapability(StandardCapabilities.CUDA), gpus, runtime,
                engine.defaultDevice());
    }

    /**
     * Why a GPU run must not start the engine at all: DJL counts GPUs through libcudart (JNA) before it chooses a
     * libtorch build, and with none it chooses the CPU build. Empty when it sees at least one GPU.
     */
    public static Optional<String> noGpuSeen(int gpusSeen, boolean jna) {
        if (gpusSeen > 0) {
            return Optional.empty();
        }
        return Optional.of("a GPU run was asked for (-D" + DEVICE + "=gpu, the gpu profile), but DJL sees no CUDA GPU"
                + (jna ? " (ai.djl.util.cuda.CudaUtils found no libcudart through JNA, or the runtime reports no "
                + "device or an insufficient driver)" : " (JNA is not on the classpath, so DJL cannot load libcudart)")
                + ": starting the engine would load DJL's CPU build of libtorch and run on cpu(). Nothing was loaded. "
                + INSTALL);
    }

    static boolean jnaPresent() {
        try {
            Class.forName("com.sun.jna.Native", false, EngineStart.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static final String INSTALL = "Install the NVIDIA driver >= 570 and the CUDA 12.8 runtime "
            + "(libcudart.so.12 on the library path, e.g. LD_LIBRARY_PATH=/usr/local/cuda-12.8/lib64), set "
            + "PYTORCH_FLAVOR=cu128 (DJL then loads $DJL_CACHE_DIR/pytorch/2.7.1-cu128-linux-x86_64, default "
            + "~/.djl.ai, downloading it once), and check the runner with scripts/gpu-smoke.sh (README, 'Running on a "
            + "GPU runner'). Without -Dgpu the run uses the CPU build on purpose.";

    /** Why a run that asked for a GPU must not go on, or empty when it got one (or did not ask). */
    public static Optional<String> refusal(boolean gpuRequested, Loaded loaded) {
        if (!gpuRequested || loaded.device().isGpu()) {
            return Optional.empty();
        }
        String why;
        if (!loaded.cudaBuild()) {
            why = "DJL chose its CPU build of libtorch: it found no CUDA runtime it can match (libtorch "
                    + loaded.libtorchVersion() + " exists for DJL only as cu128, and DJL falls back to the CPU build "
                    + "when the CUDA runtime is older or missing)";
        } else {
            why = "the CUDA build of libtorch is loaded, but DJL sees no GPU through the CUDA runtime (DJL counts "
                    + "GPUs with libcudart, loaded through JNA; without it every array goes to the CPU)";
        }
        return Optional.of("a GPU run was asked for (-D" + DEVICE + "=gpu, the gpu profile), but DJL's PyTorch engine "
                + "runs on " + loaded.device() + ": " + why + ". " + loaded.describe() + ". " + INSTALL);
    }

    private static String settings(Properties p) {
        List<String> s = new ArrayList<>();
        for (String key : List.of(THREADS, INTEROP_THREADS, "ai.djl.offline", DEVICE)) {
            s.add(key + "=" + Optional.ofNullable(p.getProperty(key)).map(v -> "'" + v + "'").orElse("unset"));
        }
        for (String env : List.of("PYTORCH_FLAVOR", "PYTORCH_VERSION", "PYTORCH_LIBRARY_PATH", "DJL_CACHE_DIR",
                "ENGINE_CACHE_DIR")) {
            String v = System.getenv(env);
            if (v != null) {
                s.add(env + "=" + v);
            }
        }
        return String.join(", ", s);
    }

    private static String rootMessage(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            out.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return out.toString();
    }

    /** The engine did not start, or would not start with these settings. */
    public static class EngineStartException extends IllegalStateException {
        public EngineStartException(String message) {
            super(message);
        }

        public EngineStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A GPU run got DJL's CPU device. */
    public static final class CpuFallbackException extends EngineStartException {
        public CpuFallbackException(String message) {
            super("no GPU: " + message);
        }
    }
}
