package attendfirst.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ComputeDtype;
import attendfirst.fixture.FixtureException;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelLocator;
import attendfirst.io.TensorSource;
import attendfirst.io.gguf.GgufFile;
import attendfirst.io.safetensors.Safetensors;
import attendfirst.tokenizer.Tokenizer;
import attendfirst.tokenizer.Tokenizers;

import java.nio.file.Path;

/** Fixture -> files on disk -> config, weights and tokenizer on the engine's device. */
public final class ModelLoader {
    private final ModelLocator locator;

    public ModelLoader(ModelLocator locator) {
        this.locator = locator;
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
        return load(fixture, device, (device.isGpu() ? fixture.gpuDtype() : fixture.cpuDtype()).dataType());
    }

    /** Loads with an explicit compute dtype (float64 is used by tests that separate algorithm from rounding). */
    public LoadedModel load(ModelFixture fixture, Device device, DataType dtype) {
        ComputeDtype.of(dtype); // refuses bfloat16 here: DJL's JNI would abort the JVM at the first array
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
                    ModelWeights weights = new WeightLoader(gguf, config, TensorNames.GGUF, manager, dtype, unpermute, 0f)
                            .load();
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
                ModelWeights weights = new WeightLoader(source, config, TensorNames.HF, manager, dtype, false, normOffset)
                        .load();
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
