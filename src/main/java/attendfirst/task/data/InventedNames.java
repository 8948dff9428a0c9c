package attendfirst.task.data;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Pronounceable made-up names from syllables, so a model can only know them from the prompt (the
 * built-in reading-comprehension and summarisation sets depend on this). One instance hands out each
 * name at most once, so entities in the same prompt never share a name.
 */
public final class InventedNames {
    private static final List<String> ONSETS = List.of(
            "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr", "tr", "st", "th", "sh");
    private static final List<String> VOWELS = List.of("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ei");
    private static final List<String> CODAS = List.of("", "", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "sk");

    private final Random random;
    private final Set<String> used = new HashSet<>();

    public InventedNames(Random random) {
        this.random = random;
    }

    /** A single capitalised word of two or three syllables, e.g. "Dravonel". */
    public String word() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int syllables = 2 + random.nextInt(2);
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                sb.append(pick(ONSETS)).append(pick(VOWELS));
                if (s == syllables - 1 || random.nextInt(3) == 0) {
                    sb.append(pick(CODAS));
                }
            }
            String name = Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
            if (name.length() >= 4 && name.length() <= 10 && used.add(name.toLowerCase())) {
                return name;
            }
        }
        throw new IllegalStateException("could not invent a fresh name after 1000 attempts");
    }

    /** First and last name, e.g. "Toval Brenik". */
    public String person() {
        return word() + " " + word();
    }

    public String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }
}
