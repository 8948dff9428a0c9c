package attendfirst.task;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generation stops once {@link Task#decided} says more text cannot change the score; so the score of
 * the text at that point must equal the score of any continuation.
 */
class EarlyDecisionTest {
    private final Capitals capitals = new Capitals(5, 0, CapitalTable.DEFAULT);
    private final Example paris = new Example("x", "Q: ...", List.of("Paris"), Map.of("country", "France"));
    private final Example washington = new Example("y", "Q: ...", List.of("Washington, D.C."),
            Map.of("country", "United States"));
    private final Example washingtonOrShort = new Example("z", "Q: ...", List.of("Washington, D.C.", "Washington"),
            Map.of("country", "United States"));

    @Test
    void capitalsIsUndecidedWhileTheTextCanStillBecomeAnAnswer() {
        assertThat(capitals.decided(paris, "")).isFalse();
        assertThat(capitals.decided(paris, " Par")).isFalse();
        assertThat(capitals.decided(paris, " Paris")).as("'Parisian' would be wrong").isFalse();
        assertThat(capitals.decided(washington, " Washington, D")).isFalse();
    }

    @Test
    void anAcceptedShortFormDecidesAsSoonAsItEnds() {
        assertThat(capitals.decided(washingtonOrShort, " Washington, D")).isTrue();
        assertThat(capitals.score(washingtonOrShort, " Washington, D")).isEqualTo(1.0);
    }

    @Test
    void capitalsIsDecidedCorrectOnceAnAnswerEndsOnAWordBoundary() {
        String text = " Paris is";
        assertThat(capitals.decided(paris, text)).isTrue();
        assertThat(capitals.score(paris, text)).isEqualTo(1.0);
        assertThat(capitals.score(paris, text + " the capital")).isEqualTo(1.0);
    }

    @Test
    void capitalsIsDecidedWrongOnceNoAnswerCanMatch() {
        String text = " France";
        assertThat(capitals.decided(paris, text)).isTrue();
        assertThat(capitals.score(paris, text)).isZero();
        assertThat(capitals.score(paris, text + " Paris")).isZero();
        assertThat(capitals.decided(paris, " Parma")).isTrue();
    }

    @Test
    void arithmeticIsDecidedOnceTheNumberIsComplete() {
        Arithmetic arithmetic = new Arithmetic(3, 0);
        Example e = arithmetic.examples().get(0);
        String answer = e.field("result");
        assertThat(arithmetic.decided(e, " " + answer)).as("more digits may follow").isFalse();
        assertThat(arithmetic.decided(e, " -")).isFalse();
        assertThat(arithmetic.decided(e, " " + answer + " ")).isTrue();
        assertThat(arithmetic.score(e, " " + answer + " ")).isEqualTo(1.0);
        assertThat(arithmetic.decided(e, " " + answer + ".5")).as("a decimal part may follow").isFalse();
        assertThat(arithmetic.decided(e, " The")).isTrue();
        assertThat(arithmetic.score(e, " The answer is " + answer)).isZero();
    }
}
