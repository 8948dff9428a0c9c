package attendfirst.task.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerNormaliserTest {

    @Test
    void normalisesCaseDiacriticsPunctuationAndSpaces() {
        assertThat(AnswerNormaliser.normalise("  Bogotá ")).isEqualTo("bogota");
        assertThat(AnswerNormaliser.normalise("Washington, D.C.")).isEqualTo("washington dc");
        assertThat(AnswerNormaliser.normalise("Sana'a")).isEqualTo("sanaa");
        assertThat(AnswerNormaliser.normalise("Porto-Novo")).isEqualTo("porto novo");
    }

    @Test
    void acceptsTextThatBeginsWithAnAnswerOnAWordBoundary() {
        List<String> rome = List.of("Rome", "Roma");
        assertThat(AnswerNormaliser.beginsWithAnswer(" Rome", rome)).isTrue();
        assertThat(AnswerNormaliser.beginsWithAnswer(" rome, the eternal city", rome)).isTrue();
        assertThat(AnswerNormaliser.beginsWithAnswer(" Roma.", rome)).isTrue();
        assertThat(AnswerNormaliser.beginsWithAnswer(" Romeo", rome)).isFalse();
        assertThat(AnswerNormaliser.beginsWithAnswer(" It is Rome", rome)).isFalse();
        assertThat(AnswerNormaliser.beginsWithAnswer("", rome)).isFalse();
    }

    @Test
    void multiWordCapitalsNeedAllTheirWords() {
        List<String> dc = List.of("Washington, D.C.", "Washington");
        assertThat(AnswerNormaliser.beginsWithAnswer(" Washington D.C.", dc)).isTrue();
        assertThat(AnswerNormaliser.beginsWithAnswer(" Washington", dc)).isTrue();
        assertThat(AnswerNormaliser.beginsWithAnswer(" Kuala", List.of("Kuala Lumpur"))).isFalse();
    }
}
