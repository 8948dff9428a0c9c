package attendfirst;

import static attendfirst.LogitsAssert.assertThatLogits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.byLessThan;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonParser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Test assertions")
class LogitsAssertTest {

    @Test
    void closeLogitsPassAndTheFailureNamesTheWorstIndexBothValuesAndTheBound() {
        float[] logits = {1.0f, -2.0f, 3.5f};
        assertThatLogits(logits).isCloseTo(new float[] {1.0f, -2.0f, 3.5f}, byLessThan(1e-9));
        assertThatLogits(logits).isCloseTo(new double[] {1.01, -2.0, 3.49}, within(0.011));
        assertThatThrownBy(() -> assertThatLogits(logits).as("k=3").isCloseTo(new double[] {1.0, -2.5, 3.5},
                within(0.1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[k=3]")
                .hasMessageContaining("at index 1").hasMessageContaining("actual -2.0, expected -2.5")
                .hasMessageContaining("bound <= 0.1");
        assertThatThrownBy(() -> assertThatLogits(logits).isCloseTo(new double[] {1.0, -2.0}, within(1.0)))
                .hasMessageContaining("expected 2 values, got 3");
        assertThatThrownBy(() -> assertThatLogits(new float[] {Float.NaN}).isCloseTo(new double[] {0}, within(1.0)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void nestedJsonIsFlattenedRowMajorAndTopIdsAreLookedUp() {
        float[] logits = {0.5f, 1.5f, 2.5f, 3.5f};
        assertThatLogits(logits).isCloseTo(JsonParser.parseString("[[0.5, 1.5], [2.5, 3.5]]").getAsJsonArray(),
                within(1e-9));
        assertThatLogits(logits).isCloseAtIdsTo(JsonParser.parseString("[[3, 3.5], [0, 0.5]]").getAsJsonArray(),
                within(1e-9));
        assertThat(LogitsAssert.maxAbsDiffAtIds(logits, JsonParser.parseString("[[2, 2.0]]").getAsJsonArray()))
                .isEqualTo(0.5);
        assertThatThrownBy(() -> assertThatLogits(logits).isCloseAtIdsTo(
                JsonParser.parseString("[[1, 1.0]]").getAsJsonArray(), within(0.1)))
                .hasMessageContaining("actual 1.5, expected 1.0");
    }

    @Test
    void theScaledDifferenceIsRelativeAboveOneAndAbsoluteBelow() {
        assertThat(LogitsAssert.maxScaledDiff(new float[] {101f, 0.5f}, new double[] {100, 0.4})).isEqualTo(0.1, within(1e-6));
        assertThatLogits(new float[] {101f}).isScaledCloseTo(new double[] {100}, within(0.011));
        assertThatThrownBy(() -> assertThatLogits(new float[] {1.5f}).isScaledCloseTo(new double[] {1.0}, within(0.4)))
                .hasMessageContaining("max(1, |expected|)");
    }
}
