package attendfirst.task;

import java.util.List;
import java.util.Map;

/**
 * One of the paper's four tasks as text in, text out. The model side generates greedily from
 * {@link Example#prompt()} for at most {@link #maxNewTokens()} tokens, stopping once the generated
 * text contains one of {@link #stopStrings()}; the task then scores that text. Tasks never touch a
 * model, so they are testable without weights.
 */
public interface Task {
    /** "capitals", "arithmetic", "squad" or "cnndm". */
    String name();

    /** Key of the primary metric inside {@link #metrics}, e.g. "accuracy", "f1", "rougeL". */
    String primaryMetric();

    /** Deterministic for the task's (size, seed, data file). */
    List<Example> examples();

    int maxNewTokens();

    List<String> stopStrings();

    /** Primary metric in [0,1]. The generated text may still contain the stop string; it is cut there. */
    double score(Example example, String generated);

    /** All metrics of the task, the primary one included. */
    Map<String, Double> metrics(Example example, String generated);

    ChanceLevel chance();

    /**
     * The known-only rule: an example is solved by the clean model when its clean score is at least this (1 for
     * the binary tasks; tasks with a continuous metric state their own rule in {@link #solvedRule()}).
     */
    default double solvedThreshold() {
        return 1.0;
    }

    /** One line: what "solved" means for this task ("correct", "exact match", ...). */
    default String solvedRule() {
        return "correct (" + primaryMetric() + " 1)";
    }

    /** Seed offset of the separate sample a chance floor is measured on (never the judged examples). */
    long CHANCE_SEED_OFFSET = 1_000_003L;

    /** Size of that separate sample. */
    int CHANCE_SAMPLE = 200;

    /** Human-readable source of the examples (built-in generator or data file). */
    /**
     * True once more generated text cannot change the score of {@code generated}, so generation may stop
     * early. The default never decides: the task's stop strings and token budget end generation.
     */
    default boolean decided(Example example, String generated) {
        return false;
    }

    default String description() {
        return name();
    }

    /**
     * The generated text up to (excluding) the first stop string. The generator stops once a stop
     * string appears, but the last token may carry text past it, which must not be scored.
     */
    static String cutAtStop(String generated, List<String> stops) {
        int cut = generated.length();
        for (String stop : stops) {
            int at = generated.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return generated.substring(0, cut);
    }
}
