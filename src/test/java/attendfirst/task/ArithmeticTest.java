package attendfirst.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArithmeticTest {

    @Test
    void promptHasThreeShotsInTheCapitalsFormatThenTheQuestion() {
        Arithmetic task = new Arithmetic(5, 0);
        Example e = task.examples().get(0);
        assertThat(e.prompt()).startsWith("Q: What is ").endsWith("Q: What is " + e.field("problem") + "? \n A:");
        assertThat(e.prompt().split(" \n A: ", -1)).hasSize(4); // three answered shots + the open question
        assertThat(task.shots()).extracting(Arithmetic.Problem::op).containsExactly('+', '-', '*');
    }

    @Test
    void answersAreTheExactResultsWithinTheDeclaredRanges() {
        for (Example e : new Arithmetic(200, 5).examples()) {
            String[] p = e.field("problem").split(" ");
            long a = Long.parseLong(p[0]);
            long b = Long.parseLong(p[2]);
            long expected = switch (p[1]) {
                case "+" -> a + b;
                case "-" -> a - b;
                default -> a * b;
            };
            assertThat(e.answers()).containsExactly(Long.toString(expected));
            assertThat(expected).isBetween(0L, 81L);
        }
    }

    @Test
    void problemsAreDistinctDeterministicAndNotShots() {
        Arithmetic task = new Arithmetic(100, 9);
        List<String> problems = task.examples().stream().map(e -> e.field("problem")).toList();
        assertThat(problems).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(task.shots().stream().map(Arithmetic.Problem::text).toList());
        assertThat(new Arithmetic(100, 9).examples()).isEqualTo(task.examples());
    }

    @Test
    void scoresTheLeadingNumberOnly() {
        Arithmetic task = new Arithmetic(1, 0);
        Example e = task.examples().get(0);
        String result = e.field("result");
        assertThat(task.score(e, " " + result + " \n Q: What")).isEqualTo(1.0);
        assertThat(task.score(e, " " + result + "0")).isZero();
        assertThat(task.score(e, " \n " + result)).isZero();
    }

    @Test
    void chanceIsOneOverTheNumberOfPossibleResults() {
        // results: 0..40 (41 values) plus products above 40: 42 45 48 49 54 56 63 64 72 81 (10) = 51
        assertThat(new Arithmetic(1, 0).chance().value()).isEqualTo(1.0 / 51);
    }
}
