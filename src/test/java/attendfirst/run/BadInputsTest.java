package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.claim.ClaimCatalogue;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's smaller faults: every bad fixture and every unknown catalogue field is reported, not only the first,
 * and a bad fixture of a model the run does not select does not block it. A scratch project: the committed
 * fixtures and catalogue, plus two broken fixture files.
 */
@Epic("Infrastructure")
@Feature("Run configuration")
class BadInputsTest {

    @TempDir
    Path root;

    @BeforeEach
    void aProjectWithTwoBadFixtures() throws IOException {
        Path models = Files.createDirectories(root.resolve("fixtures/models"));
        try (Stream<Path> files = Files.list(Project.root().resolve("fixtures/models"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(f, models.resolve(f.getFileName()));
            }
        }
        Files.writeString(models.resolve("broken-a.json"), "{\"name\": \"broken-a\", ");
        Files.writeString(models.resolve("broken-b.json"), "[1, 2]");
        Files.createDirectories(root.resolve("fixtures/claims"));
        Files.copy(Project.root().resolve("fixtures/claims/catalogue.json"), root.resolve("fixtures/claims/catalogue.json"));
    }

    private RunConfig config(String models) {
        Properties p = new Properties();
        p.setProperty("attendfirst.root", root.toString());
        p.setProperty("attendfirst.models", models);
        p.setProperty("attendfirst.tasks", "capitals:4");
        p.setProperty("attendfirst.workers", "1");
        return RunConfig.from(p);
    }

    @Test
    void everyBadFixtureIsNamed() {
        assertThatThrownBy(() -> ModelFixtures.load(root.resolve("fixtures/models")))
                .hasMessageContaining("2 bad model fixture files")
                .hasMessageContaining("broken-a.json: malformed JSON")
                .hasMessageContaining("broken-b.json: expected a JSON object");
    }

    @Test
    void aBadFixtureOfAnotherModelDoesNotBlockTheRunButOneOfASelectedModelDoes() {
        // WHEN the run selects a good model THEN it is configured; the bad files are not its models
        assertThat(config("smollm2-135m-instruct").models()).containsExactly("smollm2-135m-instruct");
        // WHEN it selects a bad one THEN that fixture's problem is named
        assertThatThrownBy(() -> config("smollm2-135m-instruct,broken-a"))
                .hasMessageContaining("model 'broken-a' in -Dattendfirst.models: its fixture is bad")
                .hasMessageContaining("broken-a.json: malformed JSON")
                .message().doesNotContain("broken-b");
    }

    @Test
    void everyUnknownCatalogueFieldIsNamed() throws IOException {
        // GIVEN a catalogue with two misspelt fields in two places
        JsonObject c = JsonParser.parseString(Files.readString(root.resolve("fixtures/claims/catalogue.json")))
                .getAsJsonObject();
        c.getAsJsonObject("statistics").addProperty("confidenc", 0.9);
        c.getAsJsonArray("claims").get(0).getAsJsonObject().addProperty("titel", "x");
        Path file = Files.writeString(root.resolve("catalogue.json"), c.toString());
        // WHEN it is loaded THEN both are named
        assertThatThrownBy(() -> ClaimCatalogue.load(file))
                .hasMessageContaining("2 unknown fields")
                .hasMessageContaining("field statistics.confidenc: unknown field")
                .hasMessageContaining("field titel: unknown field");
    }
}
