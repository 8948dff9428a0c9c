package attendfirst.task.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exact match and token F1 as defined by the official SQuAD v1.1 evaluation script: answers are
 * normalised (lower case, ASCII punctuation removed, articles a/an/the removed, whitespace collapsed),
 * F1 is over the multiset of whitespace tokens, and the score of a prediction is the maximum over the
 * gold answers. As in v1.1, two empty strings have F1 0 (v2.0 changed that to 1).
 */
public final class SquadMetrics {
    /** Python's string.punctuation, which is what the official script removes. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private SquadMetrics() {}

    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder noPunct = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                noPunct.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
        return String.join(" ", tokens(noArticles));
    }

    public static double exactMatch(String prediction, String gold) {
        return normalise(prediction).equals(normalise(gold)) ? 1.0 : 0.0;
    }

    public static double f1(String prediction, String gold) {
        List<String> predicted = tokens(normalise(prediction));
        List<String> reference = tokens(normalise(gold));
        Map<String, Integer> goldCounts = new HashMap<>();
        reference.forEach(t -> goldCounts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String t : predicted) {
            Integer left = goldCounts.get(t);
            if (left != null && left > 0) {
                goldCounts.put(t, left - 1);
                same++;
            }
        }
        if (same == 0) {
            return 0.0;
        }
        double precision = (double) same / predicted.size();
        double recall = (double) same / reference.size();
        return 2 * precision * recall / (precision + recall);
    }

    public static double maxExactMatch(String prediction, List<String> golds) {
        return golds.stream().mapToDouble(g -> exactMatch(prediction, g)).max().orElseThrow(
                () -> new IllegalArgumentException("no gold answers"));
    }

    public static double maxF1(String prediction, List<String> golds) {
        return golds.stream().mapToDouble(g -> f1(prediction, g)).max().orElseThrow(
                () -> new IllegalArgumentException("no gold answers"));
    }

    /** Python's str.split(): runs of whitespace separate, no empty tokens. */
    private static List<String> tokens(CharSequence s) {
        String trimmed = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" "));
    }
}
