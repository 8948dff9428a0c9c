package attendfirst.task.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberAnswerTest {

    @Test
    void readsTheLeadingInteger() {
        assertThat(NumberAnswer.matches(" 12", 12)).isTrue();
        assertThat(NumberAnswer.matches(" 12 \n Q", 12)).isTrue();
        assertThat(NumberAnswer.matches(" -3", -3)).isTrue();
        assertThat(NumberAnswer.matches(" 12", 1)).isFalse();
    }

    @Test
    void rejectsAnswersThatDoNotStartWithTheNumber() {
        assertThat(NumberAnswer.matches(" the answer is 12", 12)).isFalse();
        assertThat(NumberAnswer.matches(" 12.5", 12)).isFalse();
        assertThat(NumberAnswer.matches(" 1,200", 1)).isFalse();
        assertThat(NumberAnswer.parse("")).isEmpty();
    }
}
