package attendfirst.task.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F-measures computed as Google's {@code rouge-score} package does
 * ({@code RougeScorer(["rouge1","rouge2","rougeL"], use_stemmer=...)}):
 * <ul>
 *   <li>tokens: lower case, every run of characters outside [a-z0-9] is a separator (so accented
 *       letters separate words, as in rouge-score); with stemming, tokens longer than three characters
 *       go through the Porter stemmer ({@link PorterStemmer}, NLTK variant);</li>
 *   <li>ROUGE-N: clipped n-gram multiset overlap; precision over the prediction's n-grams, recall over
 *       the reference's (each denominator at least 1);</li>
 *   <li>ROUGE-L: longest common subsequence of the whole token lists (not the per-sentence "Lsum");
 *       all zero when either side has no tokens;</li>
 *   <li>F = 2PR/(P+R), 0 when P+R = 0.</li>
 * </ul>
 * The project scores CNN/DailyMail with stemming on, the common setting for that dataset.
 */
public final class Rouge {
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    /** Precision, recall and F-measure of one ROUGE type. */
    public record Score(double precision, double recall, double fmeasure) {
        static Score of(double precision, double recall) {
            double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
            return new Score(precision, recall, f);
        }
    }

    private final boolean stem;

    public Rouge(boolean stem) {
        this.stem = stem;
    }

    public boolean stems() {
        return stem;
    }

    public List<String> tokenize(String text) {
        String[] parts = NON_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").split(" ");
        List<String> tokens = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (!p.isEmpty()) {
                tokens.add(stem && p.length() > 3 ? PorterStemmer.stem(p) : p);
            }
        }
        return tokens;
    }

    /** rouge1, rouge2, rougeL F-measures, in that order. Argument order as rouge-score: target first. */
    public Map<String, Double> fmeasures(String reference, String prediction) {
        List<String> ref = tokenize(reference);
        List<String> pred = tokenize(prediction);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("rouge1", rougeN(ref, pred, 1).fmeasure());
        out.put("rouge2", rougeN(ref, pred, 2).fmeasure());
        out.put("rougeL", rougeL(ref, pred).fmeasure());
        return out;
    }

    public Score rougeN(String reference, String prediction, int n) {
        return rougeN(tokenize(reference), tokenize(prediction), n);
    }

    public Score rougeL(String reference, String prediction) {
        return rougeL(tokenize(reference), tokenize(prediction));
    }

    static Score rougeN(List<String> ref, List<String> pred, int n) {
        Map<List<String>, Integer> refGrams = ngrams(ref, n);
        Map<List<String>, Integer> predGrams = ngrams(pred, n);
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> e : refGrams.entrySet()) {
            overlap += Math.min(e.getValue(), predGrams.getOrDefault(e.getKey(), 0));
        }
        int refCount = Math.max(ref.size() - n + 1, 0);
        int predCount = Math.max(pred.size() - n + 1, 0);
        return Score.of((double) overlap / Math.max(predCount, 1), (double) overlap / Math.max(refCount, 1));
    }

    static Score rougeL(List<String> ref, List<String> pred) {
        if (ref.isEmpty() || pred.isEmpty()) {
            return new Score(0, 0, 0);
        }
        int lcs = lcsLength(ref, pred);
        return Score.of((double) lcs / pred.size(), (double) lcs / ref.size());
    }

    static int lcsLength(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }
}
