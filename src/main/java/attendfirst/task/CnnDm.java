package attendfirst.task;

import attendfirst.task.data.CnnDmLoader;
import attendfirst.task.data.NewsArticles;
import attendfirst.task.metrics.Rouge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Summarisation scored with ROUGE-1/2/L F1 ({@link Rouge}, Porter stemming on); the primary metric is
 * ROUGE-L. Built-in stand-in: generated news items, one-shot
 * {@code "Article: A1 \n Summary: S1 \n Article: A \n Summary:"}. Real CNN/DailyMail (CSV or JSONL):
 * zero-shot {@code "Article: A \n Summary:"} with the article cut to its first {@link #MAX_ARTICLE_WORDS}
 * words (a one-shot prompt would double an already long input on a CPU).
 */
public final class CnnDm implements Task {
    public static final String NAME = "cnndm";
    /** Project choice: keeps real prompts near 500 tokens. */
    public static final int MAX_ARTICLE_WORDS = 400;
    private static final String NL = " \n ";

    private final Rouge rouge = new Rouge(true);
    private final List<Example> examples;
    private final boolean builtIn;
    private final String description;
    private final List<Example> chanceSample;
    private final String chanceWhere;

    public CnnDm(int size, long seed, Optional<Path> dataFile) {
        if (size < 1) {
            throw new IllegalArgumentException("cnndm size must be positive, got " + size);
        }
        builtIn = dataFile.isEmpty();
        if (builtIn) {
            examples = builtIn(size, seed);
            description = "cnndm: " + size + " built-in generated news items (offline stand-in)";
            chanceSample = builtIn(CHANCE_SAMPLE, seed + CHANCE_SEED_OFFSET);
            chanceWhere = "built-in news items, seed " + seed + " + " + CHANCE_SEED_OFFSET;
        } else {
            List<CnnDmLoader.Item> items = CnnDmLoader.load(dataFile.get());
            if (size > items.size()) {
                throw new IllegalArgumentException("cnndm: asked for " + size + " articles, " + dataFile.get() + " has "
                        + items.size());
            }
            List<CnnDmLoader.Item> order = new ArrayList<>(items);
            Collections.shuffle(order, new Random(seed));
            List<Example> list = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                CnnDmLoader.Item item = order.get(i);
                String reference = flat(item.highlights());
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("article", item.article());
                fields.put("highlights", reference);
                fields.put("cnndmId", item.id());
                list.add(new Example(NAME + "-" + item.id(), "Article: " + firstWords(flat(item.article())) + NL + "Summary:",
                        List.of(reference), fields));
            }
            examples = List.copyOf(list);
            description = "cnndm: " + size + " of " + items.size() + " articles from " + dataFile.get();
            // the floor's sample: another shuffle of the file (seed + offset); references only, no article cut needed
            List<CnnDmLoader.Item> other = new ArrayList<>(items);
            Collections.shuffle(other, new Random(seed + CHANCE_SEED_OFFSET));
            List<Example> sample = new ArrayList<>();
            for (int i = 0; i < Math.min(CHANCE_SAMPLE, other.size()); i++) {
                String reference = flat(other.get(i).highlights());
                sample.add(new Example(NAME + "-chance-" + other.get(i).id(), "", List.of(reference), Map.of()));
            }
            chanceSample = List.copyOf(sample);
            chanceWhere = sample.size() + " articles of " + dataFile.get() + " shuffled with seed " + seed + " + "
                    + CHANCE_SEED_OFFSET;
        }
    }

    private static List<Example> builtIn(int size, long seed) {
        Random random = new Random(seed);
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            NewsArticles.Article article = NewsArticles.generate(random);
            NewsArticles.Article shot = NewsArticles.generate(random);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("article", article.article());
            fields.put("highlights", article.highlights());
            fields.put("shotArticle", shot.article());
            fields.put("shotHighlights", shot.highlights());
            String prompt = "Article: " + shot.article() + NL + "Summary: " + shot.highlights() + NL
                    + "Article: " + article.article() + NL + "Summary:";
            list.add(new Example(NAME + "-gen-" + i, prompt, List.of(article.highlights()), fields));
        }
        return List.copyOf(list);
    }

    /** Highlights and articles contain newlines; the prompt keeps one line per part, like the stop string expects. */
    private static String flat(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String firstWords(String s) {
        String[] words = s.split(" ");
        return words.length <= MAX_ARTICLE_WORDS ? s : String.join(" ", Arrays.copyOf(words, MAX_ARTICLE_WORDS));
    }

    public Rouge rouge() {
        return rouge;
    }

    @Override public String name() { return NAME; }

    @Override public String primaryMetric() { return "rougeL"; }

    @Override public List<Example> examples() { return examples; }

    /** Built-in highlights are about 30 words (~45 tokens); real highlights average ~55 words. */
    @Override public int maxNewTokens() { return builtIn ? 60 : 90; }

    @Override public List<String> stopStrings() { return List.of("\n"); }

    @Override
    public double score(Example example, String generated) {
        return metrics(example, generated).get("rougeL");
    }

    /** Max over references, as for SQuAD; CNN/DailyMail has exactly one. */
    @Override
    public Map<String, Double> metrics(Example example, String generated) {
        String text = Task.cutAtStop(generated, stopStrings());
        Map<String, Double> best = new LinkedHashMap<>();
        for (String reference : example.answers()) {
            rouge.fmeasures(reference, text).forEach((k, v) -> best.merge(k, v, Math::max));
        }
        return best;
    }

    /**
     * The floor, fixed before judging and measured on a separate sample (never the judged examples): mean ROUGE-L
     * F1 of answering each article of that sample with the reference summary of the next one, i.e. a fluent summary
     * that ignores the article.
     */
    @Override
    public ChanceLevel chance() {
        double[] m = mismatched();
        if (m.length == 0) {
            return new ChanceLevel(0.0, "single example: no other summary to borrow; ROUGE-L of an empty summary is 0");
        }
        double mean = java.util.Arrays.stream(m).average().orElse(0);
        return new ChanceLevel(mean, String.format("mismatched references: mean ROUGE-L %.4f of answering each of %d"
                + " articles with the next article's reference summary (%s; a separate sample, not the judged examples)",
                mean, m.length, chanceWhere));
    }

    /**
     * Solved: the clean summary's ROUGE-L reaches the 95th percentile of the mismatched references' ROUGE-L on the
     * floor's sample, i.e. it is closer to its own reference than 95% of fluent summaries of other articles are: the
     * summary demonstrably carries this article's content. ROUGE has no "correct"; this is the smallest score that
     * tells a summary of this article from a generic one, which is what a manipulation can then take away.
     */
    @Override
    public double solvedThreshold() {
        double[] m = mismatched();
        if (m.length == 0) {
            return 1.0;
        }
        double[] sorted = m.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }

    @Override
    public String solvedRule() {
        return String.format("ROUGE-L >= %.3f, the 95th percentile of mismatched references", solvedThreshold());
    }

    private double[] mismatched;

    private synchronized double[] mismatched() {
        if (mismatched == null) {
            int n = chanceSample.size();
            mismatched = new double[n < 2 ? 0 : n];
            for (int i = 0; n >= 2 && i < n; i++) {
                mismatched[i] = rouge.fmeasures(chanceSample.get(i).answers().get(0),
                        chanceSample.get((i + 1) % n).answers().get(0)).get("rougeL");
            }
        }
        return mismatched;
    }

    @Override
    public String description() {
        return description;
    }
}
