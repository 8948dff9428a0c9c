package attendfirst.task.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.task.Golden;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SquadMetricsTest {

    @Test
    void normalisationDropsCaseArticlesPunctuationAndExtraSpaces() {
        // GIVEN an answer with every kind of noise the official script removes
        String noisy = "  The  Eiffel-Tower, (an) icon! ";
        // WHEN normalised
        String normalised = SquadMetrics.normalise(noisy);
        // THEN only the content words remain; the hyphen is deleted, not turned into a space
        assertThat(normalised).isEqualTo("eiffeltower icon");
    }

    @Test
    void articlesInsideWordsAreKept() {
        assertThat(SquadMetrics.normalise("theatre another anthem")).isEqualTo("theatre another anthem");
    }

    @Test
    void f1IsHarmonicMeanOfTokenOverlap() {
        // GIVEN prediction "red red blue" and gold "red blue blue": overlap is one red + one blue = 2
        // WHEN scored THEN precision = recall = 2/3, so F1 = 2/3 (hand-worked)
        assertThat(SquadMetrics.f1("red red blue", "red blue blue")).isCloseTo(2.0 / 3, within(1e-12));
        // and "Dashe" against "Dashe Gikte": P = 1, R = 1/2, F1 = 2/3
        assertThat(SquadMetrics.f1("Dashe", "Dashe Gikte")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void scoreIsTheMaximumOverGoldAnswers() {
        List<String> golds = List.of("Mordevesk", "the town of Trandis");
        assertThat(SquadMetrics.maxExactMatch("Trandis", golds)).isEqualTo(0.0);
        assertThat(SquadMetrics.maxExactMatch("Mordevesk.", golds)).isEqualTo(1.0);
        // "Trandis" vs "town of trandis": P = 1, R = 1/3 -> F1 = 0.5
        assertThat(SquadMetrics.maxF1("Trandis", golds)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void emptyPredictionScoresZeroAsInVersionOnePointOne() {
        assertThat(SquadMetrics.f1("", "")).isZero();
        assertThat(SquadMetrics.exactMatch("", "")).isEqualTo(1.0);
    }

    static Stream<JsonObject> golden() {
        List<JsonObject> cases = new ArrayList<>();
        for (JsonElement e : Golden.metrics().getAsJsonArray("squad")) {
            cases.add(e.getAsJsonObject());
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("golden")
    void matchesTheOfficialFormulaOnGoldenCases(JsonObject c) {
        // GIVEN a case scored by the Python transcription of the official v1.1 script
        String prediction = c.get("prediction").getAsString();
        List<String> golds = new ArrayList<>();
        c.getAsJsonArray("golds").forEach(g -> golds.add(g.getAsString()));
        // WHEN scored in Java THEN normalisation, EM and F1 agree
        assertThat(SquadMetrics.normalise(prediction)).isEqualTo(c.get("normalised").getAsString());
        assertThat(SquadMetrics.maxExactMatch(prediction, golds)).isEqualTo(c.get("exactMatch").getAsDouble());
        assertThat(SquadMetrics.maxF1(prediction, golds)).isCloseTo(c.get("f1").getAsDouble(), within(1e-12));
    }
}
