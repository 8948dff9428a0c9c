package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimCatalogueTest {

    private static final Path COMMITTED = ClaimCatalogue.RepoRoot.find().resolve("fixtures/claims/catalogue.json");

    @TempDir
    Path tmp;

    @Test
    void committedCatalogueHoldsClaimsC1ToC6WithProvenanceOnEveryThreshold() {
        ClaimCatalogue catalogue = ClaimCatalogue.load(COMMITTED);
        assertThat(catalogue.claims()).extracting(Claim::id).contains("C1", "C2", "C3", "C4", "C5", "C6");
        assertThat(catalogue.claims()).extracting(Claim::family)
                .contains("random", "shuffle", "freeze", "switch", "skip-attention");
        for (Claim c : catalogue.claims()) {
            assertThat(c.comparison().range().provenance()).as(c.id()).isIn("paper", "ours");
            assertThat(c.comparison().range().why()).as(c.id()).isNotBlank();
        }
        assertThat(catalogue.claim("C5").comparison()).isInstanceOf(Comparison.SwitchFlip.class);
        assertThat(catalogue.claim("C5").comparison().range().firstK(32)).isEqualTo(12);
        assertThat(catalogue.claim("C5").comparison().range().endK(32)).isEqualTo(22);
        assertThat(catalogue.statistics().confidence()).isEqualTo(0.95);
        assertThat(catalogue.statistics().maxLooks()).isEqualTo(3);
        // bands whose claim is true by construction at k = 0 start at k = 1
        assertThat(catalogue.claim("C2").comparison().range().firstK(30)).isEqualTo(1);
        assertThat(catalogue.claim("C6b").comparison().range().firstK(30)).isEqualTo(1);
        assertThat(catalogue.claim("C1").comparison().range().minK()).isZero();
    }

    @Test
    void missingProvenanceNamesFileClaimAndField() throws IOException {
        Path file = mutated(root -> claim(root, "C3").getAsJsonObject("comparison").getAsJsonObject("eps")
                .remove("provenance"));
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("claim C3")
                .hasMessageContaining("field comparison.eps.provenance").hasMessageContaining("missing");
    }

    @Test
    void wrongProvenanceValueIsRejected() throws IOException {
        Path file = mutated(root -> claim(root, "C1").getAsJsonObject("comparison").getAsJsonObject("eps")
                .addProperty("provenance", "folklore"));
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).hasMessageContaining("claim C1")
                .hasMessageContaining("comparison.eps").hasMessageContaining("'folklore'");
    }

    @Test
    void unknownComparisonKindListsTheKnownOnes() throws IOException {
        Path file = mutated(root -> claim(root, "C2").getAsJsonObject("comparison").addProperty("kind", "ROUGHLY"));
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).hasMessageContaining("claim C2")
                .hasMessageContaining("field comparison.kind").hasMessageContaining("NEAR_CHANCE_SOME");
    }

    @Test
    void nonNumericThresholdAndDuplicateIdsAreRejected() throws IOException {
        Path text = mutated(root -> claim(root, "C4b").getAsJsonObject("comparison").getAsJsonObject("eps")
                .addProperty("value", "small"));
        assertThatThrownBy(() -> ClaimCatalogue.load(text)).hasMessageContaining("claim C4b")
                .hasMessageContaining("comparison.eps.value").hasMessageContaining("expected a number");
        Path dup = mutated(root -> claim(root, "C2").addProperty("id", "C1"));
        assertThatThrownBy(() -> ClaimCatalogue.load(dup)).hasMessageContaining("claim C1")
                .hasMessageContaining("duplicate");
    }

    @Test
    void fractionalMinKAndMissingMaxLooksAreRejectedByName() throws IOException {
        Path half = mutated(root -> claim(root, "C2").getAsJsonObject("comparison").getAsJsonObject("range")
                .addProperty("minK", 1.5));
        assertThatThrownBy(() -> ClaimCatalogue.load(half)).hasMessageContaining("claim C2")
                .hasMessageContaining("comparison.range.minK").hasMessageContaining("whole number");
        Path looks = mutated(root -> root.getAsJsonObject("statistics").remove("maxLooks"));
        assertThatThrownBy(() -> ClaimCatalogue.load(looks)).hasMessageContaining("statistics.maxLooks")
                .hasMessageContaining("missing");
    }

    @Test
    void switchComparisonOnASweptManipulationIsRejected() throws IOException {
        Path file = mutated(root -> claim(root, "C5").addProperty("manipulation", "random"));
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).hasMessageContaining("claim C5")
                .hasMessageContaining("SWITCH_FLIP");
    }

    @Test
    void misspeltTaskNameIsRejectedNamingItAndTheKnownTasks() throws IOException {
        // GIVEN claim C1 asked of task "capitalz"
        Path file = mutated(root -> claim(root, "C1").getAsJsonArray("tasks").set(0, new JsonPrimitive("capitalz")));
        // THEN the reader names file, claim, field, the wrong name and the known ones
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("claim C1").hasMessageContaining("field tasks[0]")
                .hasMessageContaining("unknown task 'capitalz'")
                .hasMessageContaining("[capitals, capitals-full, arithmetic, squad, cnndm]");
    }

    @Test
    void negativeEpsIsRejectedNamingTheValueAndWhatIsExpected() throws IOException {
        Path file = mutated(root -> claim(root, "C1").getAsJsonObject("comparison").getAsJsonObject("eps")
                .addProperty("value", -0.05));
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).hasMessageContaining("claim C1")
                .hasMessageContaining("field comparison.eps.value").hasMessageContaining("is -0.05")
                .hasMessageContaining("a distance >= 0");
    }

    @Test
    void shareAboveOneIsRejected() throws IOException {
        Path file = mutated(root -> claim(root, "C5").getAsJsonObject("comparison").getAsJsonObject("ignoreShare")
                .addProperty("value", 1.5));
        assertThatThrownBy(() -> ClaimCatalogue.load(file)).hasMessageContaining("claim C5")
                .hasMessageContaining("comparison.ignoreShare.value").hasMessageContaining("in [0, 1]");
    }

    @Test
    void unknownFieldIsRejectedNamingItAndTheAcceptedOnes() throws IOException {
        // GIVEN "eps" misspelt "epsilon" next to the real one, and a claim-level typo
        Path inComparison = mutated(root -> claim(root, "C1").getAsJsonObject("comparison")
                .add("epsilon", claim(root, "C1").getAsJsonObject("comparison").get("eps")));
        assertThatThrownBy(() -> ClaimCatalogue.load(inComparison)).hasMessageContaining("claim C1")
                .hasMessageContaining("field comparison.epsilon: unknown field")
                .hasMessageContaining("[eps, kind, range]");
        Path inClaim = mutated(root -> claim(root, "C2").addProperty("task", "capitals"));
        assertThatThrownBy(() -> ClaimCatalogue.load(inClaim)).hasMessageContaining("claim C2")
                .hasMessageContaining("field task: unknown field").hasMessageContaining("tasks");
    }

    private Path mutated(Consumer<JsonObject> change) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(COMMITTED)).getAsJsonObject();
        change.accept(root);
        Path file = tmp.resolve("catalogue.json");
        Files.writeString(file, root.toString());
        return file;
    }

    private static JsonObject claim(JsonObject root, String id) {
        List<JsonObject> claims = root.getAsJsonArray("claims").asList().stream().map(e -> e.getAsJsonObject()).toList();
        return claims.stream().filter(c -> c.get("id").getAsString().equals(id)).findFirst().orElseThrow();
    }
}
