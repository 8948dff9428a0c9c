package attendfirst.run;

import java.util.List;

/** A claims run configured wrongly: every problem found, each naming the property, its value and what is accepted. */
public final class RunConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public RunConfigException(List<String> problems) {
        super("invalid claims run configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
