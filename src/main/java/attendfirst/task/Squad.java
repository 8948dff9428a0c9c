package attendfirst.task;

import attendfirst.task.data.ReadingPassages;
import attendfirst.task.data.SquadLoader;
import attendfirst.task.metrics.SquadMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Extractive question answering, one shot:
 * {@code "Passage: P1 \n Question: Q1 \n Answer: A1 \n Passage: P \n Question: Q \n Answer:"}.
 * With a data file, the questions come from the official SQuAD v1.1 JSON and the shot from another
 * paragraph; without one, from {@link ReadingPassages} (invented names, so only the passage can give
 * the answer; the shot is another passage asked the same kind of question). Scored with the
 * official SQuAD exact match and token F1, max over gold answers; the primary metric is F1.
 */
public final class Squad implements Task {
    public static final String NAME = "squad";
    private static final String NL = " \n ";

    private final List<Example> examples;
    private final String description;
    private final boolean builtIn;
    private final ChanceLevel chance;

    public Squad(int size, long seed, Optional<Path> dataFile) {
        if (size < 1) {
            throw new IllegalArgumentException("squad size must be positive, got " + size);
        }
        builtIn = dataFile.isEmpty();
        if (builtIn) {
            examples = builtIn(size, seed);
            description = "squad: " + size + " built-in reading-comprehension examples (invented names, offline stand-in)";
            chance = floor(builtIn(CHANCE_SAMPLE, seed + CHANCE_SEED_OFFSET), "built-in passages, seed " + seed + " + "
                    + CHANCE_SEED_OFFSET);
        } else {
            List<SquadLoader.Question> questions = SquadLoader.load(dataFile.get());
            examples = fromFile(questions, size, seed, dataFile.get());
            int m = Math.min(CHANCE_SAMPLE, questions.size());
            chance = floor(fromFile(questions, m, seed + CHANCE_SEED_OFFSET, dataFile.get()), m + " questions of "
                    + dataFile.get() + " drawn with seed " + seed + " + " + CHANCE_SEED_OFFSET);
            description = "squad: " + size + " of " + questions.size() + " questions from " + dataFile.get();
        }
    }

    private static List<Example> builtIn(int size, long seed) {
        Random random = new Random(seed);
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ReadingPassages.Passage passage = ReadingPassages.generate(random);
            ReadingPassages.Passage shot = ReadingPassages.generate(random);
            int kind = (i + (int) Math.floorMod(seed, 4L)) % 4; // every question kind equally often
            // The shot asks the same kind of question about another passage: it shows the model which span
            // to copy; copying the shot's own answer scores 0 (different invented names).
            int shotKind = kind;
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("passage", passage.text());
            fields.put("question", passage.questions().get(kind));
            fields.put("shotPassage", shot.text());
            fields.put("shotQuestion", shot.questions().get(shotKind));
            fields.put("shotAnswer", shot.answers().get(shotKind));
            fields.put("candidates", String.join("|", passage.answers()));
            String prompt = prompt(shot.text(), shot.questions().get(shotKind), shot.answers().get(shotKind),
                    passage.text(), passage.questions().get(kind));
            list.add(new Example(NAME + "-rc-" + i, prompt, List.of(passage.answers().get(kind)), fields));
        }
        return List.copyOf(list);
    }

    private static List<Example> fromFile(List<SquadLoader.Question> all, int size, long seed, Path file) {
        if (size > all.size()) {
            throw new IllegalArgumentException("squad: asked for " + size + " questions, " + file + " has " + all.size());
        }
        if (all.stream().map(SquadLoader.Question::paragraph).distinct().count() < 2) {
            throw new TaskDataException("SQuAD file " + file + " has a single paragraph; the one-shot prompt needs its shot"
                    + " from another paragraph");
        }
        Map<Integer, LinkedHashSet<String>> paragraphAnswers = new LinkedHashMap<>();
        for (SquadLoader.Question q : all) {
            paragraphAnswers.computeIfAbsent(q.paragraph(), p -> new LinkedHashSet<>()).add(q.answers().get(0));
        }
        List<SquadLoader.Question> order = new ArrayList<>(all);
        Random random = new Random(seed);
        Collections.shuffle(order, random);
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            SquadLoader.Question q = order.get(i);
            SquadLoader.Question shot;
            do {
                shot = all.get(random.nextInt(all.size()));
            } while (shot.paragraph() == q.paragraph());
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("passage", q.context());
            fields.put("question", q.question());
            fields.put("squadId", q.id());
            fields.put("shotId", shot.id());
            fields.put("candidates", String.join("|", paragraphAnswers.get(q.paragraph())));
            String prompt = prompt(flat(shot.context()), flat(shot.question()), flat(shot.answers().get(0)),
                    flat(q.context()), flat(q.question()));
            list.add(new Example(NAME + "-" + q.id(), prompt, q.answers(), fields));
        }
        return List.copyOf(list);
    }

    /** Newlines inside SQuAD text would collide with the stop string and the format's separators. */
    private static String flat(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    static String prompt(String shotPassage, String shotQuestion, String shotAnswer, String passage, String question) {
        return "Passage: " + shotPassage + NL + "Question: " + shotQuestion + NL + "Answer: " + shotAnswer + NL
                + "Passage: " + passage + NL + "Question: " + question + NL + "Answer:";
    }

    @Override public String name() { return NAME; }

    @Override public String primaryMetric() { return "f1"; }

    @Override public List<Example> examples() { return examples; }

    /** Built-in answers are one or two invented words; SQuAD answers are mostly under ten words. */
    @Override public int maxNewTokens() { return builtIn ? 10 : 24; }

    @Override public List<String> stopStrings() { return List.of("\n"); }

    @Override
    public double score(Example example, String generated) {
        return SquadMetrics.maxF1(Task.cutAtStop(generated, stopStrings()), example.answers());
    }

    @Override
    public Map<String, Double> metrics(Example example, String generated) {
        String text = Task.cutAtStop(generated, stopStrings());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exactMatch", SquadMetrics.maxExactMatch(text, example.answers()));
        m.put("f1", SquadMetrics.maxF1(text, example.answers()));
        return m;
    }

    /**
     * The context-free floor, fixed before judging and measured on a separate sample (never the judged examples):
     * mean F1 of answering each question with the gold answer of the next question of that sample, i.e. a fluent
     * answer of the right kind from a reader that does not have this passage (built-in: invented names, so about 0).
     */
    @Override
    public ChanceLevel chance() {
        return chance;
    }

    private static ChanceLevel floor(List<Example> sample, String where) {
        if (sample.size() < 2) {
            return new ChanceLevel(0.0, "one question only: no other answer to borrow; an empty answer scores 0");
        }
        double total = 0;
        for (int i = 0; i < sample.size(); i++) {
            total += SquadMetrics.maxF1(sample.get((i + 1) % sample.size()).answers().get(0), sample.get(i).answers());
        }
        return new ChanceLevel(total / sample.size(), String.format("context-free answer: mean F1 %.4f of answering"
                + " each of %d questions with another question's gold answer (%s; a separate sample, not the judged"
                + " examples)", total / sample.size(), sample.size(), where));
    }

    /** Solved: the clean answer's F1 is 1, i.e. its normalised tokens equal a gold answer's (exact match up to order). */
    @Override
    public String solvedRule() {
        return "exact match (F1 = 1)";
    }

    @Override
    public String description() {
        return description;
    }
}
