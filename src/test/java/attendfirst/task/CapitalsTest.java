package attendfirst.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapitalsTest {
    private static final Path TABLE = Path.of("fixtures/tasks/capitals.tsv");

    @Test
    void tableCoversEveryUnMemberState() {
        Capitals capitals = new Capitals(10, 0, TABLE);
        assertThat(capitals.capitals()).hasSize(193);
        assertThat(capitals.capitals().get("Bolivia")).containsExactly("Sucre", "La Paz");
        assertThat(capitals.capitals().get("Spain")).containsExactly("Madrid");
    }

    @Test
    void promptFollowsThePaperExactly() {
        // GIVEN the paper's one-shot format WHEN asking for France with the Spain shot
        String prompt = new Capitals(1, 0, TABLE).prompt("Spain", "France");
        // THEN the text is the paper's, real newlines with a space on each side
        assertThat(prompt).isEqualTo("Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A:");
    }

    @Test
    void shotIsNeverTheAskedCountryEvenForSpain() {
        // GIVEN every country asked (size = table size)
        Capitals capitals = new Capitals(188, 3, TABLE);
        // THEN no example asks its own shot, and Spain gets a fallback shot
        assertThat(capitals.examples()).allSatisfy(e -> assertThat(e.field("shotCountry")).isNotEqualTo(e.field("country")));
        Example spain = capitals.examples().stream().filter(e -> e.field("country").equals("Spain")).findFirst().orElseThrow();
        assertThat(Capitals.FALLBACK_SHOTS).contains(spain.field("shotCountry"));
        assertThat(capitals.examples()).extracting(e -> e.field("country")).doesNotHaveDuplicates();
    }

    @Test
    void countriesWhoseCapitalIsTheirOwnNameAreNotAsked() {
        // GIVEN every askable country WHEN listing them THEN the five city-states are left out, nothing else
        Capitals capitals = new Capitals(188, 0, TABLE);
        assertThat(capitals.examples()).extracting(e -> e.field("country"))
                .doesNotContain("Singapore", "Monaco", "San Marino", "Luxembourg", "Djibouti")
                .contains("Guatemala", "Panama", "Kuwait", "Mexico");
        // and repeating the country is not accepted where the capital only starts with its name
        Example guatemala = capitals.examples().stream().filter(e -> e.field("country").equals("Guatemala")).findFirst()
                .orElseThrow();
        assertThat(capitals.score(guatemala, " Guatemala \n")).isZero();
        assertThat(capitals.score(guatemala, " Guatemala City \n")).isEqualTo(1.0);
    }

    @Test
    void examplesAreDeterministicPerSeed() {
        List<Example> a = new Capitals(20, 7, TABLE).examples();
        assertThat(new Capitals(20, 7, TABLE).examples()).isEqualTo(a);
        assertThat(new Capitals(20, 8, TABLE).examples()).isNotEqualTo(a);
    }

    @Test
    void scoresByAcceptedPrefixAfterTheStopString() {
        Capitals capitals = new Capitals(1, 0, TABLE);
        Example bolivia = new Example("x", capitals.prompt("Spain", "Bolivia"), capitals.capitals().get("Bolivia"),
                java.util.Map.of("country", "Bolivia", "shotCountry", "Spain"));
        assertThat(capitals.score(bolivia, " La Paz \n Q: What")).isEqualTo(1.0);
        assertThat(capitals.score(bolivia, " Sucre")).isEqualTo(1.0);
        assertThat(capitals.score(bolivia, " Lima \n Sucre")).isZero();
        assertThat(capitals.metrics(bolivia, " Sucre")).containsEntry("accuracy", 1.0);
    }

    @Test
    void askedCountrySpanPointsAtTheLastMentionNotTheShot() {
        // GIVEN an example WHEN asking for the country's span
        Capitals capitals = new Capitals(30, 1, TABLE);
        for (Example e : capitals.examples()) {
            TextSpan span = capitals.askedCountrySpan(e);
            // THEN the span covers exactly the asked country, right before "? \n A:"
            assertThat(span.covered()).isEqualTo(e.field("country"));
            assertThat(e.prompt().substring(span.end())).isEqualTo("? \n A:");
        }
    }

    @Test
    void sourcePromptIsThePapersWithTheNameSpan() {
        TextSpan source = Capitals.countrySource("Italy");
        assertThat(source.text()).isEqualTo("The country Italy");
        assertThat(source.covered()).isEqualTo("Italy");
        assertThat(source.end()).isEqualTo(source.text().length());
    }

    @Test
    void switchCasesAvoidTheAskedAndShotCountriesAndSharedCapitals() {
        Capitals capitals = new Capitals(40, 2, TABLE);
        List<SwitchCase> cases = capitals.switchCases(capitals.examples(), 3, 11);
        assertThat(cases).hasSize(120);
        assertThat(cases).allSatisfy(c -> {
            assertThat(c.injectedCountry()).isNotIn(c.example().field("country"), c.example().field("shotCountry"));
            assertThat(c.source().covered()).isEqualTo(c.injectedCountry());
            assertThat(c.target().covered()).isEqualTo(c.example().field("country"));
            assertThat(c.injectedAnswers()).doesNotContainAnyElementsOf(c.originalAnswers());
        });
        assertThat(capitals.switchCases(capitals.examples(), 3, 11)).isEqualTo(cases);
    }

    @Test
    void classifiesSwitchOutcomes() {
        Capitals capitals = new Capitals(50, 0, TABLE);
        Example france = capitals.examples().stream().filter(e -> !e.field("country").equals("Italy")).findFirst().orElseThrow();
        SwitchCase c = capitals.switchCase(france, "Italy");
        assertThat(capitals.classify(c, " " + france.field("capital") + " \n")).isEqualTo(SwitchCase.Outcome.ORIGINAL);
        assertThat(capitals.classify(c, " Rome")).isEqualTo(SwitchCase.Outcome.INJECTED);
        assertThat(capitals.classify(c, " I do not know")).isEqualTo(SwitchCase.Outcome.OTHER);
    }

    @Test
    void chanceIsUniformGuessOverCapitals() {
        ChanceLevel chance = new Capitals(5, 0, TABLE).chance();
        assertThat(chance.value()).isEqualTo(1.0 / 193);
        assertThat(chance.derivation()).contains("1/193");
    }

    @Test
    void badTableAndBadSizeFailLoudly() {
        assertThatThrownBy(() -> new Capitals(5, 0, Path.of("nope/capitals.tsv")))
                .isInstanceOf(TaskDataException.class).hasMessageContaining("nope/capitals.tsv");
        assertThatThrownBy(() -> new Capitals(189, 0, TABLE)).hasMessageContaining("1..188");
    }
}
