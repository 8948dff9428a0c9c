package attendfirst.task;

import java.util.List;
import java.util.Map;

/**
 * Builds tasks by name from their specs ({@link TaskSpec}); which tasks a run has is the run's configuration
 * ({@code run.RunConfig}, {@code attendfirst.tasks}).
 */
public final class TaskRegistry {
    /** Default sizes: enough examples for a stable mean, small enough for a sweep over layers on 2 CPU cores. */
    private static final Map<String, Integer> DEFAULT_SIZES = Map.of(
            Capitals.NAME, 50, Capitals.FULL, 50, Arithmetic.NAME, 50, Squad.NAME, 40, CnnDm.NAME, 20);
    private static final List<String> NAMES = List.of(Capitals.NAME, Capitals.FULL, Arithmetic.NAME, Squad.NAME,
            CnnDm.NAME);

    private TaskRegistry() {}

    public static List<String> names() {
        return NAMES;
    }

    public static int defaultSize(String name) {
        requireKnown(name);
        return DEFAULT_SIZES.get(name);
    }

    static void requireKnown(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + NAMES
                    + " (spec form name[:size[:seed[:path]]])");
        }
    }

    public static Task create(TaskSpec spec) {
        return switch (spec.name()) {
            case Capitals.NAME, Capitals.FULL -> new Capitals(spec.name(), spec.size(), spec.seed(),
                    spec.dataFile().orElse(CapitalTable.DEFAULT));
            case Arithmetic.NAME -> {
                if (spec.dataFile().isPresent()) {
                    throw new IllegalArgumentException("arithmetic is generated and takes no data file, got " + spec.dataFile().get());
                }
                yield new Arithmetic(spec.size(), spec.seed());
            }
            case Squad.NAME -> new Squad(spec.size(), spec.seed(), spec.dataFile());
            case CnnDm.NAME -> new CnnDm(spec.size(), spec.seed(), spec.dataFile());
            default -> throw new IllegalStateException("registered but not buildable: " + spec.name());
        };
    }

    public static Task create(String spec) {
        return create(TaskSpec.parse(spec));
    }
}
