package attendfirst.task;

import java.util.List;

/**
 * One pair of the switch (information injection) experiment: the capitals prompt with the asked
 * country's span (where the vector is injected), the source prompt "The country Y" with Y's span
 * (where the vector is read), and the answers that show whether the model ignored or obeyed it.
 */
public record SwitchCase(Example example, TextSpan target, TextSpan source, String injectedCountry,
        List<String> originalAnswers, List<String> injectedAnswers) {

    public enum Outcome { ORIGINAL, INJECTED, OTHER }

    public SwitchCase {
        originalAnswers = List.copyOf(originalAnswers);
        injectedAnswers = List.copyOf(injectedAnswers);
    }
}
