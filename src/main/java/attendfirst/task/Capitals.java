package attendfirst.task;

import attendfirst.task.metrics.AnswerNormaliser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Country capitals, one-shot, in the paper's format
 * {@code "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of X? \n A:"}
 * (real newlines with a space on each side). Correct when the generated text begins with an accepted
 * capital ({@link AnswerNormaliser}). The shot is the paper's Spain -> Madrid; when Spain itself is
 * asked, a seeded pick from {@link #FALLBACK_SHOTS} replaces it, so the shot is never the asked country.
 * Examples are a seeded sample of the {@link #askable} countries (188 of 193: city-states whose capital
 * is their own name are left out); {@link #capitals()} and the switch helpers cover all 193.
 */
public final class Capitals implements Task {
    public static final String NAME = "capitals";
    /**
     * The paper's measure: the same draw from every askable country, judged on all drawn examples, never restricted
     * to those the clean model knows (runs list "capitals" as known-only; see fixtures/claims/README.md).
     */
    public static final String FULL = "capitals-full";
    public static final String PAPER_SHOT = "Spain";
    public static final List<String> FALLBACK_SHOTS = List.of("France", "Italy", "Germany", "Japan", "Egypt");
    public static final String SOURCE_PREFIX = "The country ";

    private static final String Q = "Q: What is the capital of ";
    private static final String NL = " \n ";

    private final Map<String, List<String>> capitals;
    private final List<Example> examples;
    private final Path table;
    private final String name;

    public Capitals(int size, long seed, Path table) {
        this(NAME, size, seed, table);
    }

    /** A capitals task under {@code name} ({@link #NAME} or {@link #FULL}): the same draw of countries. */
    public Capitals(String name, int size, long seed, Path table) {
        if (!NAME.equals(name) && !FULL.equals(name)) {
            throw new IllegalArgumentException("a capitals task is named " + NAME + " or " + FULL + ", got " + name);
        }
        this.name = name;
        this.table = table;
        this.capitals = CapitalTable.load(table);
        List<String> countries = askable(capitals);
        if (size < 1 || size > countries.size()) {
            throw new IllegalArgumentException("capitals size must be 1.." + countries.size() + " (one example per country"
                    + " whose capital is not its own name, in " + table + "), got " + size);
        }
        Random random = new Random(seed);
        Collections.shuffle(countries, random);
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String country = countries.get(i);
            String shot = country.equals(PAPER_SHOT) ? FALLBACK_SHOTS.get(random.nextInt(FALLBACK_SHOTS.size())) : PAPER_SHOT;
            list.add(example(i, country, shot));
        }
        this.examples = List.copyOf(list);
    }

    /** How many countries of the built-in table can be asked: the largest size a capitals task can have. */
    public static int askableCount() {
        return askableCount(CapitalTable.DEFAULT);
    }

    /** How many countries of {@code table} can be asked. */
    public static int askableCount(Path table) {
        return askable(CapitalTable.load(table)).size();
    }

    /**
     * Countries whose capital differs from the country's name. Where they coincide (Singapore, Monaco,
     * ...) a model that merely repeats the asked name, the commonest failure, would score as knowing.
     */
    static List<String> askable(Map<String, List<String>> capitals) {
        List<String> out = new ArrayList<>();
        capitals.forEach((country, answers) -> {
            String name = AnswerNormaliser.normalise(country);
            if (answers.stream().map(AnswerNormaliser::normalise).noneMatch(name::equals)) {
                out.add(country);
            }
        });
        return out;
    }

    private Example example(int index, String country, String shot) {
        if (!capitals.containsKey(shot)) {
            throw new TaskDataException("capitals table " + table + " lacks the shot country " + shot);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("country", country);
        fields.put("shotCountry", shot);
        fields.put("capital", capitals.get(country).get(0));
        fields.put("shotCapital", capitals.get(shot).get(0));
        return new Example(NAME + "-" + index, prompt(shot, country), capitals.get(country), fields);
    }

    /** The paper's prompt for {@code country} with {@code shot} as the worked example. */
    public String prompt(String shot, String country) {
        return Q + shot + "?" + NL + "A: " + capitals.get(shot).get(0) + NL + Q + country + "?" + NL + "A:";
    }

    /** Country -> accepted capitals (first is canonical), in table order. */
    public Map<String, List<String>> capitals() {
        return capitals;
    }

    /** The example's prompt with the span of the asked country (its last mention, never the shot's). */
    public TextSpan askedCountrySpan(Example example) {
        String country = example.field("country");
        String prompt = example.prompt();
        int start = prompt.lastIndexOf(Q + country + "?") + Q.length();
        return new TextSpan(prompt, start, start + country.length());
    }

    /** The paper's source prompt for the injected vector, {@code "The country Italy"}, with the name's span. */
    public static TextSpan countrySource(String country) {
        String text = SOURCE_PREFIX + country;
        return new TextSpan(text, SOURCE_PREFIX.length(), text.length());
    }

    /** The switch pair: inject {@code injectedCountry}'s state at the asked country of {@code example}. */
    public SwitchCase switchCase(Example example, String injectedCountry) {
        List<String> injected = capitals.get(injectedCountry);
        if (injected == null) {
            throw new IllegalArgumentException("unknown country '" + injectedCountry + "' (not in " + table + ")");
        }
        String country = example.field("country");
        if (injectedCountry.equals(country) || injectedCountry.equals(example.field("shotCountry"))) {
            throw new IllegalArgumentException("injected country " + injectedCountry
                    + " must differ from the asked country and the shot country of " + example.id());
        }
        return new SwitchCase(example, askedCountrySpan(example), countrySource(injectedCountry), injectedCountry,
                example.answers(), injected);
    }

    /**
     * {@code perExample} switch pairs for each example, injected countries drawn with {@code seed} among
     * the countries that are neither asked nor the shot and whose capitals share no accepted form with
     * the original ones (so the two outcomes can be told apart).
     */
    public List<SwitchCase> switchCases(List<Example> of, int perExample, long seed) {
        Random random = new Random(seed);
        List<String> countries = new ArrayList<>(capitals.keySet());
        List<SwitchCase> cases = new ArrayList<>();
        for (Example example : of) {
            Set<String> original = example.answers().stream().map(AnswerNormaliser::normalise).collect(Collectors.toSet());
            List<String> eligible = new ArrayList<>();
            for (String c : countries) {
                boolean overlaps = capitals.get(c).stream().map(AnswerNormaliser::normalise).anyMatch(original::contains);
                if (!c.equals(example.field("country")) && !c.equals(example.field("shotCountry")) && !overlaps) {
                    eligible.add(c);
                }
            }
            Collections.shuffle(eligible, random);
            for (int k = 0; k < perExample; k++) {
                cases.add(switchCase(example, eligible.get(k)));
            }
        }
        return List.copyOf(cases);
    }

    /** Whether the generated answer is the original capital, the injected country's, or neither. */
    public SwitchCase.Outcome classify(SwitchCase switchCase, String generated) {
        String text = Task.cutAtStop(generated, stopStrings());
        if (AnswerNormaliser.beginsWithAnswer(text, switchCase.originalAnswers())) {
            return SwitchCase.Outcome.ORIGINAL;
        }
        if (AnswerNormaliser.beginsWithAnswer(text, switchCase.injectedAnswers())) {
            return SwitchCase.Outcome.INJECTED;
        }
        return SwitchCase.Outcome.OTHER;
    }

    @Override public String name() { return name; }

    @Override public String primaryMetric() { return "accuracy"; }

    @Override public List<Example> examples() { return examples; }

    /** Capitals are one to four words; eight tokens cover the longest (Sri Jayawardenepura Kotte). */
    @Override public int maxNewTokens() { return 8; }

    @Override public List<String> stopStrings() { return List.of("\n"); }

    @Override
    public double score(Example example, String generated) {
        return AnswerNormaliser.beginsWithAnswer(Task.cutAtStop(generated, stopStrings()), example.answers()) ? 1.0 : 0.0;
    }

    /**
     * Decided once the normalised text already holds an accepted answer followed by a word boundary
     * (correct whatever follows), or once it is no longer a prefix of any accepted answer (wrong
     * whatever follows).
     */
    @Override
    public boolean decided(Example example, String generated) {
        String g = AnswerNormaliser.normalise(Task.cutAtStop(generated, stopStrings()));
        if (g.isEmpty()) {
            return false;
        }
        boolean stillPossible = false;
        for (String answer : example.answers()) {
            String a = AnswerNormaliser.normalise(answer);
            if (g.startsWith(a + " ")) {
                return true;
            }
            stillPossible |= a.startsWith(g) || g.startsWith(a);
        }
        return !stillPossible;
    }

    @Override
    public Map<String, Double> metrics(Example example, String generated) {
        return Map.of("accuracy", score(example, generated));
    }

    @Override
    public ChanceLevel chance() {
        long distinct = capitals.values().stream().map(l -> AnswerNormaliser.normalise(l.get(0))).distinct().count();
        return new ChanceLevel(1.0 / distinct, "1/" + distinct + ": a uniform guess over the canonical capitals of "
                + capitals.size() + " countries (alternate accepted forms ignored, so a slight underestimate)");
    }

    @Override
    public String description() {
        return "capitals: " + examples.size() + " of " + capitals.size() + " countries from " + table;
    }
}
