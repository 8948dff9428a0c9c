package attendfirst.plan;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import attendfirst.fixture.ComputeDtype;
import attendfirst.fixture.FixtureException;
import attendfirst.fixture.HubCache;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.ProductDtype;
import attendfirst.fixture.Project;
import attendfirst.io.gguf.GgufFile;
import attendfirst.model.Bfloat16Products;
import attendfirst.model.ConfigReader;
import attendfirst.model.ModelConfig;
import attendfirst.sweep.MemoryBudget;
import attendfirst.sweep.SweepPlan;
import attendfirst.task.Capitals;
import attendfirst.task.TaskSpec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a claims run will do, without loading weights: {@link #plan} prints, per model, the configuration (a GGUF's
 * header, the hub cache's config.json, or the published config.json committed in fixtures/configs), the memory and
 * time of the run's tasks under its sweep plan, and whether it fits. The settings come from the caller
 * ({@code run.PlanMain}, {@code scripts/claim-report.sh --plan}), which derives tasks and plan from the run's own
 * configuration; row batches are sized as the run sizes them ({@link MemoryBudget}).
 */
public final class Planner {
    public static final Path CONFIGS = Path.of("fixtures", "configs");

    private Planner() {
    }

    /** The settings of one planning call. */
    public record Settings(boolean gpu, long deviceBytes, Optional<ComputeDtype> dtype, List<TaskSpec> tasks,
                           SweepPlan plan, Optional<Calibration> calibration, Optional<ProductDtype> products) {
        public Settings(boolean gpu, long deviceBytes, Optional<ComputeDtype> dtype, List<TaskSpec> tasks,
                        SweepPlan plan, Optional<Calibration> calibration) {
            this(gpu, deviceBytes, dtype, tasks, plan, calibration, Optional.empty());
        }
    }

    /** Prints the plan of every model; returns how many were refused. */
    public static int plan(ModelFixtures fixtures, List<String> names, Settings s, PrintStream out) {
        List<TaskShape> shapes = new ArrayList<>();
        for (TaskSpec spec : s.tasks()) {
            int pool = s.plan().knownOnly().contains(spec.name())
                    ? (spec.name().equals(Capitals.NAME) ? Capitals.askableCount() : spec.size() * 4) : 0;
            shapes.add(TaskShape.of(spec, pool));
        }
        out.printf("plan: %s device with %s; tasks %s; %s%n", s.gpu() ? "GPU" : "CPU", RunEstimate.gb(s.deviceBytes()),
                s.tasks(), s.plan());
        int refused = 0;
        for (String name : names) {
            ModelFixture f = fixtures.get(name);
            ComputeDtype dtype = s.dtype().orElse(s.gpu() ? f.gpuDtype() : f.cpuDtype());
            ProductDtype products = s.products().orElse(s.gpu() ? f.gpuProducts() : f.cpuProducts());
            Config c = config(f);
            Calibration cal = s.calibration().orElseGet(() -> calibrate(s.gpu(), dtype.dataType(), c.config()));
            RunEstimate e = estimate(name, c.config(), dtype, products, shapes, s, cal);
            out.println();
            out.println("config: " + c.source());
            out.print(e.render());
            out.println("  products: " + products.id() + (products == ProductDtype.FLOAT32 ? " (the reference)"
                    : " (q k v, o, gate/up, down and the output head in bfloat16, weights at 2 bytes; the rest "
                    + dtype.id() + "; time calibrated with " + dtype.id() + " products)"));
            Optional<String> refusal = products == ProductDtype.BFLOAT16 && !s.gpu()
                    ? Bfloat16Products.cpuProblem() : Optional.empty();
            if (refusal.isPresent()) {
                out.println("  refused: bfloat16 products: " + refusal.get() + ". " + Bfloat16Products.WAY_OUT);
                refused++;
                continue;
            }
            if (!e.fits()) {
                RunEstimate half = dtype == ComputeDtype.FLOAT16 ? null
                        : estimate(name, c.config(), ComputeDtype.FLOAT16, shapes, s, cal);
                RunEstimate fewer = null;
                if (shapes.size() > 1) {
                    TaskShape longest = shapes.stream().max(java.util.Comparator.comparingInt(
                            t -> t.maxPromptTokens() + t.maxNewTokens())).orElseThrow();
                    List<TaskShape> rest = new ArrayList<>(shapes);
                    rest.remove(longest);
                    fewer = estimate(name, c.config(), dtype, rest, s, cal);
                }
                out.println("  " + e.refusal(half, fewer));
                refused++;
            } else {
                out.println("  fits.");
            }
        }
        return refused;
    }

    static RunEstimate estimate(String name, ModelConfig c, ComputeDtype dtype, List<TaskShape> shapes, Settings s,
                                Calibration cal) {
        return estimate(name, c, dtype, ProductDtype.FLOAT32, shapes, s, cal);
    }

    static RunEstimate estimate(String name, ModelConfig c, ComputeDtype dtype, ProductDtype products,
                                List<TaskShape> shapes, Settings s, Calibration cal) {
        int bytes = dtype == ComputeDtype.FLOAT16 ? 2 : dtype == ComputeDtype.FLOAT64 ? 8 : 4;
        int productBytes = products == ProductDtype.BFLOAT16 ? 2 : bytes;
        String text = products == ProductDtype.BFLOAT16 ? dtype.id() + ", bfloat16 products" : dtype.id();
        return RunEstimate.of(name, c, text, bytes, productBytes, shapes, s.plan(), s.gpu(), s.deviceBytes(), cal);
    }

    private static Calibration calibrate(boolean gpu, DataType dtype, ModelConfig c) {
        boolean hereGpu = CudaUtils.hasCuda() && CudaUtils.getGpuCount() > 0;
        if (gpu && !hereGpu) {
            return Calibration.assumedGpu(dtype);
        }
        int n = Math.min(1024, Math.max(64, c.dim()));
        return Calibration.measure(gpu ? Device.gpu() : Device.cpu(), dtype, n, 64);
    }

    /** A configuration and where it came from. */
    public record Config(ModelConfig config, String source) {
    }

    /** The model's configuration without its weights. */
    public static Config config(ModelFixture f) {
        return config(f, HubCache.fromEnvironment());
    }

    /** As {@link #config(ModelFixture)}, reading hub models from {@code hub}. */
    public static Config config(ModelFixture f, HubCache hub) {
        switch (f.source().type()) {
            case "gguf" -> {
                Path file = Path.of(f.source().file());
                file = file.isAbsolute() ? file : Project.modelCache().resolve(file);
                if (!Files.isRegularFile(file)) {
                    throw new FixtureException("--plan " + f.name() + ": the GGUF " + file + " holds the config and is "
                            + "not fetched; fetch it with: python3 scripts/fetch_models.py " + f.name());
                }
                try (GgufFile g = GgufFile.open(file)) {
                    return new Config(ConfigReader.fromGguf(g), "GGUF header of " + file);
                }
            }
            case "hf-dir" -> {
                Path dir = Path.of(f.source().dir());
                dir = dir.isAbsolute() ? dir : Project.root().resolve(dir);
                return new Config(ConfigReader.fromHfConfig(dir.resolve("config.json")), dir + "/config.json");
            }
            case "hub" -> {
                Optional<Path> cached = cachedConfig(hub, f);
                if (cached.isPresent()) {
                    return new Config(ConfigReader.fromHfConfig(cached.get()), "hub cache " + cached.get());
                }
                Path committed = Project.root().resolve(CONFIGS).resolve(f.name() + ".config.json");
                if (!Files.isRegularFile(committed)) {
                    throw new FixtureException("--plan " + f.name() + ": config.json of " + f.source().repo()
                            + " is neither in the hub cache nor committed as " + committed);
                }
                return new Config(ConfigReader.fromHfConfig(committed), committed
                        + " (published config.json; not yet in the hub cache)");
            }
            default -> throw new FixtureException(f.definedIn() + ": unknown source type " + f.source().type());
        }
    }

    /** config.json of the fixture's revision if the hub cache has it (never downloads). */
    static Optional<Path> cachedConfig(HubCache hub, ModelFixture f) {
        Path repo = hub.repoDir(f.source().repo());
        String rev = f.source().hubRevision();
        Path ref = repo.resolve("refs").resolve(rev);
        try {
            String commit = Files.isRegularFile(ref) ? Files.readString(ref).trim() : rev;
            Path config = repo.resolve("snapshots").resolve(commit).resolve("config.json");
            return Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
