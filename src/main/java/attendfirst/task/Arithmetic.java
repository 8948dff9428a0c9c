package attendfirst.task;

import attendfirst.task.metrics.NumberAnswer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded arithmetic on small integers in the capitals format, three shots (one per operation):
 * {@code "Q: What is 3 + 4? \n A: 7 \n ... Q: What is 12 - 5? \n A:"}. Operands: a + b with a, b in
 * 1..20; a - b with 1 <= b <= a <= 20 (no negative results); a * b with a, b in 1..9. Correct when the
 * generated text starts with the exact result ({@link NumberAnswer}).
 */
public final class Arithmetic implements Task {
    public static final String NAME = "arithmetic";
    private static final int MAX_ADD = 20;
    private static final int MAX_MUL = 9;
    private static final String NL = " \n ";

    /** One problem, e.g. 12 - 5 = 7. */
    public record Problem(int a, char op, int b) {
        public long result() {
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> (long) a * b;
                default -> throw new IllegalStateException("operation " + op);
            };
        }

        public String text() {
            return a + " " + op + " " + b;
        }
    }

    private final List<Problem> shots;
    private final List<Example> examples;

    public Arithmetic(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("arithmetic size must be positive, got " + size);
        }
        Random random = new Random(seed);
        shots = List.of(draw(random, '+'), draw(random, '-'), draw(random, '*'));
        Set<Problem> seen = new HashSet<>(shots); // asked problems differ from the shots and from each other
        List<Example> list = new ArrayList<>();
        String prefix = shotText();
        int attempts = 0;
        while (list.size() < size) {
            if (++attempts > 100 * size + 1000) {
                throw new IllegalArgumentException("arithmetic: cannot draw " + size + " distinct problems (the space has "
                        + (MAX_ADD * MAX_ADD + MAX_ADD * (MAX_ADD + 1) / 2 + MAX_MUL * MAX_MUL) + ")");
            }
            Problem p = draw(random, "+-*".charAt(random.nextInt(3)));
            if (!seen.add(p)) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("problem", p.text());
            fields.put("operation", String.valueOf(p.op()));
            fields.put("result", Long.toString(p.result()));
            list.add(new Example(NAME + "-" + list.size(), prefix + "Q: What is " + p.text() + "?" + NL + "A:",
                    List.of(Long.toString(p.result())), fields));
        }
        examples = List.copyOf(list);
    }

    private static Problem draw(Random random, char op) {
        return switch (op) {
            case '+' -> new Problem(1 + random.nextInt(MAX_ADD), '+', 1 + random.nextInt(MAX_ADD));
            case '-' -> {
                int a = 1 + random.nextInt(MAX_ADD);
                yield new Problem(a, '-', 1 + random.nextInt(a));
            }
            default -> new Problem(1 + random.nextInt(MAX_MUL), '*', 1 + random.nextInt(MAX_MUL));
        };
    }

    private String shotText() {
        StringBuilder sb = new StringBuilder();
        for (Problem s : shots) {
            sb.append("Q: What is ").append(s.text()).append("?").append(NL).append("A: ").append(s.result()).append(NL);
        }
        return sb.toString();
    }

    public List<Problem> shots() {
        return shots;
    }

    @Override public String name() { return NAME; }

    @Override public String primaryMetric() { return "accuracy"; }

    @Override public List<Example> examples() { return examples; }

    /** At most three digits plus a leading space; the rest is slack for a tokenizer splitting digits. */
    @Override public int maxNewTokens() { return 6; }

    @Override public List<String> stopStrings() { return List.of("\n"); }

    /** Decided once a leading integer is followed by a character that cannot continue it, or the text cannot start one. */
    @Override
    public boolean decided(Example example, String generated) {
        String t = Task.cutAtStop(generated, stopStrings()).stripLeading();
        if (t.isEmpty() || t.equals("-")) {
            return false;
        }
        return !t.matches("(?s)-?\\d.*") || t.matches("(?s)-?\\d+[^\\d.,].*");
    }

    @Override
    public double score(Example example, String generated) {
        long expected = Long.parseLong(example.field("result"));
        return NumberAnswer.matches(Task.cutAtStop(generated, stopStrings()), expected) ? 1.0 : 0.0;
    }

    @Override
    public Map<String, Double> metrics(Example example, String generated) {
        return Map.of("accuracy", score(example, generated));
    }

    @Override
    public ChanceLevel chance() {
        Set<Long> results = new HashSet<>();
        for (int a = 1; a <= MAX_ADD; a++) {
            for (int b = 1; b <= MAX_ADD; b++) {
                results.add((long) a + b);
                if (b <= a) {
                    results.add((long) a - b);
                }
                if (a <= MAX_MUL && b <= MAX_MUL) {
                    results.add((long) a * b);
                }
            }
        }
        return new ChanceLevel(1.0 / results.size(), "1/" + results.size()
                + ": a uniform guess over the distinct results the generator can produce (sums 2..40, differences 0..19,"
                + " products of 1..9)");
    }

    @Override
    public String description() {
        return "arithmetic: " + examples.size() + " generated problems (+, -, * of small integers), 3 shots";
    }
}
