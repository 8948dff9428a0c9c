package attendfirst.task.metrics;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalisation for short named answers (capitals): lower case, diacritics dropped ("Bogotá" =
 * "Bogota"), apostrophes and full stops deleted ("Sana'a" = "Sanaa", "D.C." = "DC"), every other
 * non-alphanumeric character turned into a space ("Porto-Novo" = "Porto Novo"), whitespace collapsed.
 */
public final class AnswerNormaliser {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DELETED = Pattern.compile("['’‘`.]");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private AnswerNormaliser() {}

    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = DELETED.matcher(s).replaceAll("");
        s = SEPARATORS.matcher(s).replaceAll(" ");
        return s.strip();
    }

    /**
     * True when the normalised generated text begins with one normalised accepted answer, ending on a
     * word boundary ("Rome is..." matches Rome, "Romeo" does not).
     */
    public static boolean beginsWithAnswer(String generated, List<String> accepted) {
        String g = normalise(generated);
        for (String answer : accepted) {
            String a = normalise(answer);
            if (!a.isEmpty() && g.startsWith(a) && (g.length() == a.length() || g.charAt(a.length()) == ' ')) {
                return true;
            }
        }
        return false;
    }
}
