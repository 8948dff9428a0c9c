package attendfirst.task.metrics;

import java.util.Map;

/**
 * The Porter (1980) suffix-stripping stemmer, in the variant the Python {@code rouge-score} package
 * uses ({@code nltk.stem.porter.PorterStemmer()}, whose default mode adds NLTK's extensions). Written
 * from the published algorithm; the NLTK departures are marked "NLTK:" where they occur:
 * <ul>
 *   <li>a few irregular forms map directly (skies, dying, lying, tying, news, innings, ...);</li>
 *   <li>words of at most two letters are returned unchanged;</li>
 *   <li>step 1a/1b: a four-letter "-ies"/"-ied" keeps "ie" (dies, died -> die);</li>
 *   <li>step 1c: y -> i only after a consonant that is not the word's first letter (enjoy stays);</li>
 *   <li>step 2: "alli" -> "al" is tried first and re-run through step 2; "bli" -> "ble" replaces
 *       "abli" -> "able"; "fulli" -> "ful" and "logi" -> "log" are added;</li>
 *   <li>*o (cvc) also holds for a two-letter stem vowel-consonant.</li>
 * </ul>
 * Golden values from rouge-score's tokenizer are checked in the tests (tools/tasks_rouge_golden.py).
 */
public final class PorterStemmer {
    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("skies", "sky"), Map.entry("sky", "sky"), Map.entry("dying", "die"), Map.entry("lying", "lie"),
            Map.entry("tying", "tie"), Map.entry("news", "news"), Map.entry("innings", "inning"),
            Map.entry("inning", "inning"), Map.entry("outings", "outing"), Map.entry("outing", "outing"),
            Map.entry("cannings", "canning"), Map.entry("canning", "canning"), Map.entry("howe", "howe"),
            Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

    /** A rule "suffix -> replacement if condition(stem)". */
    private interface Condition {
        boolean test(String stem);
    }

    private record Rule(String suffix, String replacement, Condition condition) {}

    private PorterStemmer() {}

    public static String stem(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        String irregular = IRREGULAR.get(w); // NLTK: irregular forms
        if (irregular != null) {
            return irregular;
        }
        if (w.length() <= 2) { // NLTK: short words unchanged
            return w;
        }
        w = step1a(w);
        w = step1b(w);
        w = step1c(w);
        w = step2(w);
        w = step3(w);
        w = step4(w);
        w = step5a(w);
        return step5b(w);
    }

    // --- the measure and letter classes of the paper: [C](VC)^m[V]

    static boolean isConsonant(String w, int i) {
        char c = w.charAt(i);
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
            return false;
        }
        if (c == 'y') {
            return i == 0 || !isConsonant(w, i - 1);
        }
        return true;
    }

    static int measure(String stem) {
        int m = 0;
        boolean previousVowel = false;
        for (int i = 0; i < stem.length(); i++) {
            boolean vowel = !isConsonant(stem, i);
            if (previousVowel && !vowel) {
                m++;
            }
            previousVowel = vowel;
        }
        return m;
    }

    private static boolean containsVowel(String stem) {
        for (int i = 0; i < stem.length(); i++) {
            if (!isConsonant(stem, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsDoubleConsonant(String w) {
        int n = w.length();
        return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
    }

    /** *o: ends consonant-vowel-consonant, last not w, x or y. */
    private static boolean endsCvc(String w) {
        int n = w.length();
        if (n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)) {
            char last = w.charAt(n - 1);
            return last != 'w' && last != 'x' && last != 'y';
        }
        return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1); // NLTK: two-letter vc
    }

    private static boolean positiveMeasure(String stem) {
        return measure(stem) > 0;
    }

    /** The first rule whose suffix matches decides: applied if its condition holds, else the word stays. */
    private static String applyFirst(String w, Rule... rules) {
        for (Rule r : rules) {
            if (w.endsWith(r.suffix)) {
                String stem = w.substring(0, w.length() - r.suffix.length());
                return r.condition == null || r.condition.test(stem) ? stem + r.replacement : w;
            }
        }
        return w;
    }

    private static String step1a(String w) {
        if (w.endsWith("ies") && w.length() == 4) { // NLTK: dies -> die
            return w.substring(0, 1) + "ie";
        }
        return applyFirst(w, new Rule("sses", "ss", null), new Rule("ies", "i", null), new Rule("ss", "ss", null),
                new Rule("s", "", null));
    }

    private static String step1b(String w) {
        if (w.endsWith("ied")) { // NLTK: died -> die, spied -> spi
            return w.substring(0, w.length() - 3) + (w.length() == 4 ? "ie" : "i");
        }
        if (w.endsWith("eed")) {
            String stem = w.substring(0, w.length() - 3);
            return measure(stem) > 0 ? stem + "ee" : w;
        }
        String stem = null;
        for (String suffix : new String[] {"ed", "ing"}) {
            if (w.endsWith(suffix)) {
                String candidate = w.substring(0, w.length() - suffix.length());
                if (containsVowel(candidate)) {
                    stem = candidate;
                    break;
                }
            }
        }
        if (stem == null) {
            return w;
        }
        // the clean-up after removing -ed/-ing: conflat(ed) -> conflate, hopp(ing) -> hop, fil(ing) -> file
        if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
            return stem + "e";
        }
        if (endsDoubleConsonant(stem)) {
            char last = stem.charAt(stem.length() - 1);
            return last == 'l' || last == 's' || last == 'z' ? stem : stem.substring(0, stem.length() - 1);
        }
        if (measure(stem) == 1 && endsCvc(stem)) {
            return stem + "e";
        }
        return stem;
    }

    private static String step1c(String w) {
        if (w.endsWith("y")) {
            String stem = w.substring(0, w.length() - 1);
            // NLTK: (*c and not the first letter) Y -> I, instead of the paper's (*v*) Y -> I
            if (stem.length() > 1 && isConsonant(stem, stem.length() - 1)) {
                return stem + "i";
            }
        }
        return w;
    }

    private static String step2(String w) {
        if (w.endsWith("alli") && positiveMeasure(w.substring(0, w.length() - 4))) { // NLTK: alli first, then again
            return step2(w.substring(0, w.length() - 4) + "al");
        }
        Condition pm = PorterStemmer::positiveMeasure;
        String word = w;
        return applyFirst(w,
                new Rule("ational", "ate", pm), new Rule("tional", "tion", pm), new Rule("enci", "ence", pm),
                new Rule("anci", "ance", pm), new Rule("izer", "ize", pm), new Rule("bli", "ble", pm), // NLTK: bli
                new Rule("alli", "al", pm), new Rule("entli", "ent", pm), new Rule("eli", "e", pm),
                new Rule("ousli", "ous", pm), new Rule("ization", "ize", pm), new Rule("ation", "ate", pm),
                new Rule("ator", "ate", pm), new Rule("alism", "al", pm), new Rule("iveness", "ive", pm),
                new Rule("fulness", "ful", pm), new Rule("ousness", "ous", pm), new Rule("aliti", "al", pm),
                new Rule("iviti", "ive", pm), new Rule("biliti", "ble", pm),
                new Rule("fulli", "ful", pm), // NLTK
                // NLTK: the 'l' of logi counts with the stem, so geologi -> geolog
                new Rule("logi", "log", stem -> positiveMeasure(word.substring(0, word.length() - 3))));
    }

    private static String step3(String w) {
        Condition pm = PorterStemmer::positiveMeasure;
        return applyFirst(w, new Rule("icate", "ic", pm), new Rule("ative", "", pm), new Rule("alize", "al", pm),
                new Rule("iciti", "ic", pm), new Rule("ical", "ic", pm), new Rule("ful", "", pm), new Rule("ness", "", pm));
    }

    private static String step4(String w) {
        Condition m1 = stem -> measure(stem) > 1;
        Condition ion = stem -> measure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"));
        return applyFirst(w, new Rule("al", "", m1), new Rule("ance", "", m1), new Rule("ence", "", m1),
                new Rule("er", "", m1), new Rule("ic", "", m1), new Rule("able", "", m1), new Rule("ible", "", m1),
                new Rule("ant", "", m1), new Rule("ement", "", m1), new Rule("ment", "", m1), new Rule("ent", "", m1),
                new Rule("ion", "", ion), new Rule("ou", "", m1), new Rule("ism", "", m1), new Rule("ate", "", m1),
                new Rule("iti", "", m1), new Rule("ous", "", m1), new Rule("ive", "", m1), new Rule("ize", "", m1));
    }

    private static String step5a(String w) {
        if (w.endsWith("e")) {
            String stem = w.substring(0, w.length() - 1);
            int m = measure(stem);
            if (m > 1 || (m == 1 && !endsCvc(stem))) {
                return stem;
            }
        }
        return w;
    }

    private static String step5b(String w) {
        if (w.endsWith("ll") && measure(w.substring(0, w.length() - 1)) > 1) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
