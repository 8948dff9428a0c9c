package attendfirst.task.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.task.Golden;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RougeTest {

    @Test
    void tokenizerSplitsOnEverythingButLowercaseLettersAndDigits() {
        assertThat(new Rouge(false).tokenize("The U.S. won 3-1, café!")).containsExactly("the", "u", "s", "won", "3", "1", "caf");
    }

    @Test
    void rougeOneAndTwoCountClippedNgramOverlap() {
        // GIVEN reference "a a a b b" and prediction "a b a b a b" (hand-worked)
        // unigrams: ref {a:3,b:2}, pred {a:3,b:3}: overlap 5 -> P = 5/6, R = 5/5
        // bigrams: ref {aa:2,ab:1,bb:1}, pred {ab:3,ba:2}: overlap 1 -> P = 1/5, R = 1/4
        Rouge rouge = new Rouge(false);
        Rouge.Score r1 = rouge.rougeN("a a a b b", "a b a b a b", 1);
        Rouge.Score r2 = rouge.rougeN("a a a b b", "a b a b a b", 2);
        assertThat(r1.precision()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(r1.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(r2.fmeasure()).isCloseTo(2 * 0.2 * 0.25 / 0.45, within(1e-12));
    }

    @Test
    void rougeLUsesTheLongestCommonSubsequence() {
        // "one two three four" vs "four one three": LCS "one three" = 2 -> P = 2/3, R = 2/4
        Rouge.Score l = new Rouge(false).rougeL("one two three four", "four one three");
        assertThat(l.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(l.recall()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void emptySidesScoreZero() {
        assertThat(new Rouge(true).fmeasures("", "words here")).containsValues(0.0, 0.0, 0.0);
        assertThat(new Rouge(true).fmeasures("words here", "...")).containsValues(0.0, 0.0, 0.0);
    }

    static Stream<JsonObject> golden() {
        List<JsonObject> cases = new ArrayList<>();
        for (JsonElement e : Golden.metrics().getAsJsonArray("rouge")) {
            cases.add(e.getAsJsonObject());
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("golden")
    void matchesRougeScorePackage(JsonObject c) {
        // GIVEN a pair scored by the Python rouge-score package (tools/tasks_rouge_golden.py)
        Rouge rouge = new Rouge(c.get("stem").getAsBoolean());
        String target = c.get("target").getAsString();
        String prediction = c.get("prediction").getAsString();
        // WHEN tokenised and scored in Java
        // THEN tokens and precision/recall/F of every ROUGE type agree
        assertThat(rouge.tokenize(target)).containsExactlyElementsOf(strings(c.getAsJsonArray("targetTokens")));
        assertThat(rouge.tokenize(prediction)).containsExactlyElementsOf(strings(c.getAsJsonArray("predictionTokens")));
        assertScore(rouge.rougeN(target, prediction, 1), c.getAsJsonArray("rouge1"));
        assertScore(rouge.rougeN(target, prediction, 2), c.getAsJsonArray("rouge2"));
        assertScore(rouge.rougeL(target, prediction), c.getAsJsonArray("rougeL"));
    }

    private static void assertScore(Rouge.Score s, JsonArray expected) {
        assertThat(s.precision()).isCloseTo(expected.get(0).getAsDouble(), within(1e-12));
        assertThat(s.recall()).isCloseTo(expected.get(1).getAsDouble(), within(1e-12));
        assertThat(s.fmeasure()).isCloseTo(expected.get(2).getAsDouble(), within(1e-12));
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
