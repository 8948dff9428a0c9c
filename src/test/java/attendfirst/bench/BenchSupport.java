package attendfirst.bench;

import attendfirst.fixture.ModelFixtures;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared bits of the benchmark mains: model loading, medians, JSON in and out. The mains are not JUnit
 * tests: they live with the test sources only so that {@code mvn test} compiles but never runs them;
 * {@code scripts/bench.sh} starts them with the test classpath.
 */
final class BenchSupport {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private BenchSupport() {
    }

    /**
     * The model as a claims run loads it, with {@code -Dattendfirst.products} (float32 | bfloat16) when given. With
     * {@code -Dattendfirst.bench.emulateBfloat16=true} bfloat16 products run even on a CPU without native bfloat16
     * (libtorch emulates them): only to measure what the refusal saves.
     */
    static LoadedModel load(String name) {
        String products = System.getProperty("attendfirst.products", "");
        if (products.isBlank()) {
            return new ModelLoader().load(ModelFixtures.load().get(name));
        }
        ModelLoader loader = Boolean.getBoolean("attendfirst.bench.emulateBfloat16") ? ModelLoader.emulatingBfloat16()
                : new ModelLoader();
        return loader.load(ModelFixtures.load().get(name), ai.djl.Device.cpu(), ai.djl.ndarray.types.DataType.FLOAT32,
                attendfirst.fixture.ProductDtype.parse(products, "-Dattendfirst.products"));
    }

    /** What the engine was told about threads: the numbers only mean something next to these. */
    static Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("djlIntraOpThreads", System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
        s.put("djlInteropThreads", System.getProperty("ai.djl.pytorch.num_interop_threads", "engine default"));
        s.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        s.put("java", System.getProperty("java.version"));
        s.put("products", System.getProperty("attendfirst.products", "fixture's"));
        s.put("emulateBfloat16", Boolean.getBoolean("attendfirst.bench.emulateBfloat16"));
        return s;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            T value = GSON.fromJson(Files.readString(file), type);
            if (value == null) {
                throw new IllegalArgumentException(file + " is empty, expected a JSON " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Whole file or nothing: a temp file beside it, then an atomic move. */
    static void write(Path file, Object value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, GSON.toJson(value) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void print(Object value) {
        System.out.println(GSON.toJson(value));
    }

    static String arg(String[] args, int i, String usage) {
        if (args.length <= i) {
            throw new IllegalArgumentException("missing argument " + (i + 1) + "; usage: " + usage);
        }
        return args[i];
    }
}
