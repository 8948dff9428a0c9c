package attendfirst.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CnnDmTest {

    @Test
    void builtInPromptIsOneShotArticleSummary() {
        CnnDm task = new CnnDm(5, 0, Optional.empty());
        for (Example e : task.examples()) {
            assertThat(e.prompt()).startsWith("Article: " + e.field("shotArticle") + " \n Summary: " + e.field("shotHighlights"))
                    .endsWith("Article: " + e.field("article") + " \n Summary:");
            assertThat(e.prompt()).doesNotContain("\n\n");
            assertThat(e.answers()).containsExactly(e.field("highlights"));
        }
    }

    @Test
    void referenceScoresOneAndTheTextIsCutAtTheStop() {
        CnnDm task = new CnnDm(3, 0, Optional.empty());
        Example e = task.examples().get(0);
        assertThat(task.metrics(e, " " + e.answers().get(0) + " \n Article: x y z"))
                .containsEntry("rouge1", 1.0).containsEntry("rouge2", 1.0).containsEntry("rougeL", 1.0);
        assertThat(task.score(e, "\n" + e.answers().get(0))).isZero();
    }

    @Test
    void chanceBorrowsAnotherArticlesSummaryAndIsBelowOne() {
        ChanceLevel chance = new CnnDm(20, 0, Optional.empty()).chance();
        assertThat(chance.value()).isBetween(0.01, 0.6);
        assertThat(chance.derivation()).contains("next article's reference").contains("separate sample");
        // fixed before judging: the same floor whatever the judged examples' number
        assertThat(new CnnDm(2, 0, Optional.empty()).chance().value()).isEqualTo(chance.value());
        // the solved rule sits above the floor: the 95th percentile of the mismatched references
        CnnDm task = new CnnDm(2, 0, Optional.empty());
        assertThat(task.solvedThreshold()).isGreaterThan(chance.value()).isLessThan(1.0);
        System.out.printf("cnndm floor %.4f, solved rule %s%n", chance.value(), task.solvedRule());
    }

    @Test
    void realCsvIsZeroShotWithFlattenedText() {
        CnnDm task = new CnnDm(2, 0, Optional.of(Golden.resource("cnndm_sample.csv")));
        Example n1 = task.examples().stream().filter(e -> e.field("cnndmId").equals("n1")).findFirst().orElseThrow();
        assertThat(n1.prompt()).isEqualTo("Article: The mill of Dorra reopened, after a long \"pause\", on Monday. Workers"
                + " cheered. \n Summary:");
        assertThat(n1.answers()).containsExactly("Dorra mill reopens. Workers cheer.");
    }
}
