package attendfirst.io.safetensors;

import attendfirst.io.ModelFormatException;
import attendfirst.io.TensorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Opens the weights of a Hugging Face model directory, single-file or sharded. */
public final class Safetensors {
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    private Safetensors() {
    }

    /** model.safetensors if present, else model.safetensors.index.json; otherwise an error listing the directory. */
    public static TensorSource openDirectory(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFormatException("model directory not found: " + modelDir.toAbsolutePath());
        }
        if (Files.isRegularFile(modelDir.resolve(SINGLE))) {
            return SafetensorsFile.open(modelDir.resolve(SINGLE));
        }
        if (Files.isRegularFile(modelDir.resolve(INDEX))) {
            return ShardedSafetensors.open(modelDir.resolve(INDEX));
        }
        String found;
        try (Stream<Path> files = Files.list(modelDir)) {
            found = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + modelDir, e);
        }
        throw new ModelFormatException("model directory " + modelDir + " has neither " + SINGLE + " nor " + INDEX
                + "; it contains: " + (found.isEmpty() ? "nothing" : found));
    }
}
