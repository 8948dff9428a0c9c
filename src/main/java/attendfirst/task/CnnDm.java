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

  public CnnDm(int size, long seed, Optional<Path> dataFile) {
    if (size < 1) {
      throw new IllegalArgumentException("cnndm size must be positive, got " + size);
    }
    builtIn = dataFile.isEmpty();
    if (builtIn) {
      examples = builtIn(size, seed);
      description = "cnndm: " + size + " built-in generated news items (offline stand-in)";
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

  /** ROUGE-L of a fluent but wrong summary: each example scored with the next example's reference. */
  @Override
  public ChanceLevel chance() {
    if (examples.size() < 2) {
      return new ChanceLevel(0.0, "single example: no other summary to borrow; ROUGE-L of an empty summary is 0");
    }
    double total = 0;
    for (int i = 0; i < examples.size(); i++) {
      total += score(examples.get(i), examples.get((i + 1) % examples.size()).answers().get(0));
    }
    return new ChanceLevel(total / examples.size(), "mean ROUGE-L F1 of answering each article with the reference"
        + " summary of another article (the next example), i.e. a fluent summary that ignores the article");
  }

  @Override
  public String description() {
    return description;
  }
}
