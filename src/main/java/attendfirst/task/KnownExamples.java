package attendfirst.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The examples an unmanipulated model already gets right. The switch experiment only makes sense on
 * such examples (a flip away from an answer the model never gave is no flip), and some claims are
 * measured relative to them.
 */
public final class KnownExamples {
    private KnownExamples() {}

    /**
     * @param generateClean generation by the unmanipulated model for an example
     * @param threshold an example is kept when {@code task.score(example, clean) >= threshold}
     *     (1.0 for accuracy tasks; for F1/ROUGE a project choice, stated by the caller)
     */
    public static List<Example> filter(Task task, List<Example> examples, Function<Example, String> generateClean,
            double threshold) {
        List<Example> known = new ArrayList<>();
        for (Example example : examples) {
            if (task.score(example, generateClean.apply(example)) >= threshold) {
                known.add(example);
            }
        }
        return List.copyOf(known);
    }
}
