package attendfirst.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SquadTest {

    @Test
    void builtInAnswersAreSpansOfThePassageAndAbsentFromTheShot() {
        // GIVEN the offline stand-in
        Squad task = new Squad(40, 0, Optional.empty());
        for (Example e : task.examples()) {
            String answer = e.answers().get(0);
            // THEN the answer is in the asked passage, not in the shot, and 1-3 words long
            assertThat(e.field("passage")).contains(answer);
            assertThat(e.field("shotPassage")).doesNotContain(answer);
            assertThat(answer.split(" ")).hasSizeBetween(1, 3);
            assertThat(e.prompt()).endsWith("Passage: " + e.field("passage") + " \n Question: " + e.field("question")
                    + " \n Answer:");
            assertThat(e.prompt()).startsWith("Passage: " + e.field("shotPassage"));
        }
    }

    @Test
    void builtInAsksEveryKindOfQuestionEquallyOften() {
        List<Example> examples = new Squad(40, 3, Optional.empty()).examples();
        assertThat(examples.stream().filter(e -> e.field("question").startsWith("Where")).count()).isEqualTo(10);
        assertThat(examples.stream().filter(e -> e.field("question").startsWith("Who")).count()).isEqualTo(10);
    }

    @Test
    void builtInIsDeterministicPerSeed() {
        assertThat(new Squad(10, 4, Optional.empty()).examples()).isEqualTo(new Squad(10, 4, Optional.empty()).examples());
        assertThat(new Squad(10, 5, Optional.empty()).examples()).isNotEqualTo(new Squad(10, 4, Optional.empty()).examples());
    }

    @Test
    void scoresWithSquadMetricsAfterTheStop() {
        Squad task = new Squad(4, 0, Optional.empty());
        Example e = task.examples().get(1);
        String answer = e.answers().get(0);
        assertThat(task.metrics(e, " " + answer + ". \n Passage:")).containsEntry("exactMatch", 1.0).containsEntry("f1", 1.0);
        assertThat(task.score(e, " \n " + answer)).isZero();
    }

    @Test
    void chanceIsAContextFreeAnswerMeasuredOnASeparateSample() {
        // another passage's answer (invented words) never matches: the floor is 0, the same whatever the judged size
        Squad small = new Squad(4, 0, Optional.empty());
        Squad large = new Squad(40, 0, Optional.empty());
        assertThat(small.chance().value()).isCloseTo(0.0, within(0.01)).isEqualTo(large.chance().value());
        assertThat(small.chance().derivation()).contains("context-free answer").contains("separate sample")
                .contains("200 questions");
        assertThat(small.solvedRule()).isEqualTo("exact match (F1 = 1)");
    }

    @Test
    void realFileGivesOneShotPromptsFromAnotherParagraph() {
        // GIVEN the small SQuAD-format sample WHEN all three questions are asked
        Squad task = new Squad(3, 1, Optional.of(Golden.resource("squad_sample.json")));
        assertThat(task.examples()).extracting(e -> e.field("squadId")).containsExactlyInAnyOrder("q1", "q2", "q3");
        Example q1 = task.examples().stream().filter(e -> e.field("squadId").equals("q1")).findFirst().orElseThrow();
        // THEN the shot is the other paragraph's question, newlines are flattened, all gold answers kept
        assertThat(q1.field("shotId")).isEqualTo("q3");
        assertThat(q1.prompt()).doesNotContain("fishermen\nwho").contains("fishermen who came");
        assertThat(q1.answers()).hasSize(2);
        assertThat(task.score(q1, " fishermen")).isEqualTo(1.0);
        assertThat(task.maxNewTokens()).isGreaterThan(new Squad(1, 0, Optional.empty()).maxNewTokens());
    }

    @Test
    void askingForMoreQuestionsThanTheFileHasFails() {
        assertThatThrownBy(() -> new Squad(4, 1, Optional.of(Golden.resource("squad_sample.json"))))
                .hasMessageContaining("has 3");
    }

    @Test
    void candidatesListThePassagesFacts() {
        Example e = new Squad(1, 0, Optional.empty()).examples().get(0);
        assertThat(Arrays.asList(e.field("candidates").split("\\|"))).hasSize(4).contains(e.answers().get(0));
    }
}
