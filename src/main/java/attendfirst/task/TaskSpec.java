package attendfirst.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which task to build: name, number of examples, seed and an optional data file.
 * Text form {@code name[:size[:seed[:path]]]}; empty parts take the defaults, and everything after the
 * third colon is the path (so paths may contain colons):
 * <pre>
 *   capitals                        -> capitals, default size, seed 0, built-in table
 *   capitals:50                     -> 50 countries, seed 0
 *   arithmetic:100:7                -> 100 problems, seed 7
 *   squad:200:7:/data/dev-v1.1.json -> 200 SQuAD questions from the official file
 *   cnndm::3:/data/test.csv         -> default size, seed 3, real CNN/DailyMail
 * </pre>
 * Defaults ({@link TaskRegistry#defaultSize}) suit a 2-core CPU: capitals 50, arithmetic 50, squad 40, cnndm 20.
 */
public record TaskSpec(String name, int size, long seed, Optional<Path> dataFile) {
    public static final long DEFAULT_SEED = 0L;

    public TaskSpec {
        TaskRegistry.requireKnown(name);
        if (size < 1) {
            throw new IllegalArgumentException("task " + name + ": size must be positive, got " + size);
        }
        dataFile = dataFile == null ? Optional.empty() : dataFile;
    }

    public static TaskSpec of(String name) {
        return new TaskSpec(name, TaskRegistry.defaultSize(name), DEFAULT_SEED, Optional.empty());
    }

    public static TaskSpec parse(String text) {
        String[] parts = text.strip().split(":", 4);
        String name = parts[0].strip();
        TaskRegistry.requireKnown(name);
        int size = TaskRegistry.defaultSize(name);
        long seed = DEFAULT_SEED;
        try {
            if (parts.length > 1 && !parts[1].isBlank()) {
                size = Integer.parseInt(parts[1].strip());
            }
            if (parts.length > 2 && !parts[2].isBlank()) {
                seed = Long.parseLong(parts[2].strip());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task spec '" + text + "': size and seed must be integers;"
                    + " expected name[:size[:seed[:path]]], e.g. squad:200:7:/data/dev-v1.1.json", e);
        }
        Optional<Path> file = parts.length > 3 && !parts[3].isBlank() ? Optional.of(Path.of(parts[3].strip()))
                : Optional.empty();
        return new TaskSpec(name, size, seed, file);
    }

    /** Comma-separated specs, e.g. {@code "capitals:50,arithmetic:50"}. */
    public static List<TaskSpec> parseList(String text) {
        List<TaskSpec> specs = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                specs.add(parse(part));
            }
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no task in '" + text + "'; known tasks: " + TaskRegistry.names());
        }
        return List.copyOf(specs);
    }

    @Override
    public String toString() {
        return name + ":" + size + ":" + seed + dataFile.map(p -> ":" + p).orElse("");
    }
}
