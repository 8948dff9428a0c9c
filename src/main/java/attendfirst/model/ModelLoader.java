package attendfirst.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ComputeDtype;
import attendfirst.fixture.FixtureException;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelLocator;
import attendfirst.fixture.ProductDtype;
import attendfirst.io.TensorSource;
import attendfirst.io.gguf.GgufFile;
import attendfirst.io.safetensors.Safetensors;
import attendfirst.tokenizer.Tokenizer;
import attendfirst.tokenizer.Tokenizers;

import java.nio.file.Path;
import java.util.Optional;

/** Fixture -> files on disk -> config, weights and tokenizer on the engine's device. */
public final class ModelLoader {
    private final ModelLocator locator;
    private final Bfloat16Kernels kernels;

    /** Where bfloat16 products run: checked for native support (claims runs), or one of two measuring escapes. */
    private enum Bfloat16Kernels { NATIVE_ONLY, LIBTORCH_UNCHECKED, ROUNDED_IN_FLOAT32 }

    public ModelLoader(ModelLocator locator) {
        this(locator, Bfloat16Kernels.NATIVE_ONLY);
    }

    private ModelLoader(ModelLocator locator, Bfloat16Kernels kernels) {
        this.locator = locator;
        this.kernels = kernels;
    }

    /**
     * A loader that runs libtorch's bfloat16 kernels even on a CPU without native bfloat16 (emulated there, tens of
     * times slower than float32): to measure what the refusal saves; claims runs refuse.
     */
    public static ModelLoader emulatingBfloat16() {
        return new ModelLoader(new ModelLocator(), Bfloat16Kernels.LIBTORCH_UNCHECKED);
    }

    /**
     * A loader whose bfloat16 products are computed in float32 arithmetic on bfloat16-rounded values
     * ({@link Bfloat16Products#roundedInFloat32}): bfloat16 products up to summation order, at float32 speed, for
     * fidelity measurements on a CPU without native bfloat16.
     */
    public static ModelLoader bfloat16RoundedInFloat32() {
        return new ModelLoader(new ModelLocator(), Bfloat16Kernels.ROUNDED_IN_FLOAT32);
    }

    public ModelLoader() {
        this(new ModelLocator());
    }

    /**
     * The device DJL picks: a GPU when CUDA is there, the CPU otherwise; a run that asked for a GPU
     * ({@code -Dattendfirst.device=gpu}, the gpu profile) and got the CPU is refused ({@link EngineStart}).
     */
    public static Device defaultDevice() {
        return EngineStart.device();
    }

    public LoadedModel load(ModelFixture fixture) {
        return load(fixture, defaultDevice());
    }

    public LoadedModel load(ModelFixture fixture, Device device) {
        return load(fixture, device, Optional.empty());
    }

    /**
     * Loads in the fixture's compute dtype for the device, with {@code products} (empty: the fixture's products for
     * the device), as a claims run does.
     */
    public LoadedModel load(ModelFixture fixture, Device device, Optional<ProductDtype> products) {
        return load(fixture, device, (device.isGpu() ? fixture.gpuDtype() : fixture.cpuDtype()).dataType(),
                products.orElse(device.isGpu() ? fixture.gpuProducts() : fixture.cpuProducts()));
    }

    /**
     * Loads with an explicit compute dtype and products in that dtype (float32 is what every parity test pins; float64
     * is used by tests that separate algorithm from rounding).
     */
    public LoadedModel load(ModelFixture fixture, Device device, DataType dtype) {
        return load(fixture, device, dtype, ProductDtype.FLOAT32);
    }

    /**
     * Loads with an explicit compute dtype and product dtype. bfloat16 products need the float32 compute dtype and a
     * device with native bfloat16; otherwise they are refused ({@link ProductsUnavailableException}) before any
     * weight is read.
     */
    public LoadedModel load(ModelFixture fixture, Device device, DataType dtype, ProductDtype products) {
        ComputeDtype.of(dtype); // refuses bfloat16 here: DJL's JNI would abort the JVM at the first array
        Bfloat16Products bfloat16 = null;
        if (products == ProductDtype.BFLOAT16) {
            if (dtype != DataType.FLOAT32) {
                throw new ProductsUnavailableException(fixture.name() + ": bfloat16 products need the float32 compute"
                        + " dtype, asked for " + ComputeDtype.of(dtype).id() + ". " + Bfloat16Products.WAY_OUT);
            }
            String what = "model " + fixture.name() + " on " + device;
            bfloat16 = switch (kernels) {
                case NATIVE_ONLY -> Bfloat16Products.forDevice(device, what);
                case LIBTORCH_UNCHECKED -> Bfloat16Products.forDevice(device, what, true);
                case ROUNDED_IN_FLOAT32 -> Bfloat16Products.roundedInFloat32(what);
            };
        }
        ModelLocator.Located located = locator.locate(fixture);
        NDManager manager = NDManager.newBaseManager(device);
        manager.setName("model-" + fixture.name());
        try {
            if (located.isGguf()) {
                try (GgufFile gguf = GgufFile.open(located.ggufFile())) {
                    ModelConfig config = ConfigReader.fromGguf(gguf);
                    checkArchitecture(fixture, config, located.ggufFile());
                    // llama.cpp permutes Llama Q/K rows for interleaved RoPE and stores Gemma norms as 1 + w
                    boolean unpermute = config.architecture().equals("llama");
                    ModelWeights weights = new WeightLoader(gguf, config, TensorNames.GGUF, manager, dtype, unpermute, 0f,
                            bfloat16).load();
                    Tokenizer tokenizer = Tokenizers.fromGguf(gguf);
                    return new LoadedModel(fixture, new DecoderModel(config, weights, manager, dtype), tokenizer,
                            located.sha256(), device, dtype);
                }
            }
            Path dir = located.hfDirectory();
            ModelConfig config = ConfigReader.fromHfConfig(dir.resolve("config.json"));
            checkArchitecture(fixture, config, dir);
            try (TensorSource source = Safetensors.openDirectory(dir)) {
                float normOffset = config.architecture().equals("gemma3") ? 1f : 0f;
                ModelWeights weights = new WeightLoader(source, config, TensorNames.HF, manager, dtype, false, normOffset,
                        bfloat16).load();
                Tokenizer tokenizer = Tokenizers.fromHfDirectory(dir);
                return new LoadedModel(fixture, new DecoderModel(config, weights, manager, dtype), tokenizer,
                        located.sha256(), device, dtype);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void checkArchitecture(ModelFixture fixture, ModelConfig config, Path where) {
        if (!fixture.architecture().equals(config.architecture())) {
            throw new FixtureException(fixture.definedIn() + " declares architecture '" + fixture.architecture()
                    + "' but " + where + " holds a '" + config.architecture() + "' model");
        }
    }
}
