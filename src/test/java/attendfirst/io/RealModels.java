package attendfirst.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where scripts/fetch_models.py puts the real model files; tests needing one skip when it is absent. */
public final class RealModels {
    public static final String SMOLLM2 = "SmolLM2-135M-Instruct.Q4_1.gguf";
    public static final String GEMMA3 = "gemma-3-270m-q4_k_m.gguf";
    /** Opt-in (issue 21): fetched only by {@code scripts/fetch_models.py qwen2.5-coder-0.5b-instruct}. */
    public static final String QWEN25_05B = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf";
    public static final String QWEN25_15B = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf";

    private RealModels() {
    }

    /** Same rule as scripts/fetch_models.py: $ATTEND_FIRST_CACHE/models, default ~/.cache/attend-first/models. */
    public static Path cacheDir() {
        String base = System.getenv("ATTEND_FIRST_CACHE");
        Path root = base != null && !base.isEmpty() ? Path.of(base)
                : Path.of(System.getProperty("user.home"), ".cache", "attend-first");
        return root.resolve("models");
    }

    /** The model file, or a skipped test saying how to get it. */
    public static Path require(String fileName) {
        Path path = cacheDir().resolve(fileName);
        assumeTrue(Files.isRegularFile(path),
                () -> path + " is absent: run python3 scripts/fetch_models.py to fetch the model weights");
        return path;
    }
}
