package attendfirst.plan;

import attendfirst.task.Example;
import attendfirst.task.Task;
import attendfirst.task.TaskRegistry;
import attendfirst.task.TaskSpec;

import java.util.List;

/**
 * What the estimate needs of a task, without a tokenizer: examples, prompt lengths in tokens estimated from
 * characters, and the generation length.
 *
 * @param name             task name
 * @param examples         examples swept
 * @param meanPromptTokens mean prompt length, tokens (estimated)
 * @param maxPromptTokens  longest prompt, tokens (estimated)
 * @param maxNewTokens     greedy tokens generated per run (an upper bound: runs stop at the task's stop string)
 * @param knownPool        prompts evaluated to find known examples (0: the task is swept on all its examples)
 */
public record TaskShape(String name, int examples, double meanPromptTokens, int maxPromptTokens, int maxNewTokens,
                        int knownPool) {
    /**
     * Characters per token assumed for the estimate (the project's choice): English text in the Llama, Mistral,
     * Yi and SmolLM2 tokenizers runs at about 3.5-4.5 characters per token; the lower end errs towards more
     * tokens, hence more memory and time.
     */
    public static final double CHARS_PER_TOKEN = 3.5;

    /** Builds the task (its built-in or given data, no model) and measures its prompts. */
    public static TaskShape of(TaskSpec spec, int knownPool) {
        Task task = TaskRegistry.create(spec);
        List<Example> examples = task.examples();
        double sum = 0;
        int max = 0;
        for (Example e : examples) {
            int tokens = tokens(e.prompt());
            sum += tokens;
            max = Math.max(max, tokens);
        }
        return new TaskShape(spec.name(), examples.size(), sum / Math.max(1, examples.size()), max,
                task.maxNewTokens(), knownPool);
    }

    /** Estimated tokens of {@code text}, BOS included. */
    public static int tokens(String text) {
        return 1 + (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }
}
