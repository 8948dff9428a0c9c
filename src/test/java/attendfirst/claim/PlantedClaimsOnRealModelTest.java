package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.report.AllureResultsFiles;
import attendfirst.run.RunWiring;
import attendfirst.sweep.EngineSweepProvider;
import attendfirst.sweep.SweepPlan;
import attendfirst.sweep.SweepResult;
import attendfirst.task.TaskSpec;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim harness end to end on the REAL engine and the default model, with two planted claims whose verdicts
 * are known in advance:
 * <ul>
 *   <li>"random at k = 1 keeps the baseline" must be REFUTED: with every previous token's layer-1 input replaced
 *       by noise (k = 1 is the first k of the sweep's grid), the last token ("A:") cannot see which country was asked, so a known answer is lost;</li>
 *   <li>"random at the last layer keeps the baseline" must HOLD: only the final layer's attention reads the noised
 *       previous tokens, the 29 layers below run clean, and the tolerance is wide (planted, ours).</li>
 * </ul>
 * The sweep is tiny (up to 5 known capitals from an 8-country table, k in {1, L-1}, one seed): the engine runs
 * for real, briefly. The REFUTED message is then matched against the category regex that {@link AllureResultsFiles} writes
 * (into a temporary results directory, never the repository's allure-results/).
 */
@Epic("Infrastructure")
@Feature("Claim harness")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedClaimsOnRealModelTest {
    static final String MODEL = "smollm2-135m-instruct";

    /** Facts, not data copied from anywhere: well-known capitals a 135M model is likely to know, and the shot. */
    static final String TABLE = String.join("\n",
            "Spain\tMadrid", "France\tParis", "Italy\tRome", "Germany\tBerlin", "Japan\tTokyo", "Russia\tMoscow",
            "China\tBeijing|Peking", "United Kingdom\tLondon") + "\n";

    static final String CATALOGUE = """
            {
              "statistics": {"confidence": 0.95, "maxLooks": 1,
                             "why": "planted test: the statistics of the real catalogue"},
              "testabilityMargin": {"value": 0.05, "provenance": "ours", "why": "as in the real catalogue"},
              "claims": [
                {"id": "P-REFUTE", "title": "random k=1 keeps baseline", "family": "random", "manipulation": "random",
                 "tasks": ["capitals"], "paperWords": "planted, false by construction",
                 "comparison": {"kind": "NEAR_BASELINE_ALL",
                   "range": {"from": "1/30", "to": "2/30", "text": "second layer", "provenance": "ours",
                             "why": "planted: k = 1 only"},
                   "eps": {"value": 0.1, "provenance": "ours", "why": "planted bound for the refutation test"}}},
                {"id": "P-HOLD", "title": "random last layer keeps baseline", "family": "random",
                 "manipulation": "random", "tasks": ["capitals"], "paperWords": "planted, true by construction",
                 "comparison": {"kind": "NEAR_BASELINE_ALL",
                   "range": {"from": "29/30", "to": "1", "text": "last layer", "provenance": "ours",
                             "why": "planted: k = L-1 only"},
                   "eps": {"value": 0.7, "provenance": "ours",
                           "why": "planted: wide, only the last layer's attention sees noise (0.7: the exact interval of 5 of 5 kept ends at 0.60)"}}}
              ]
            }
            """;

    @TempDir
    Path tmp;

    private EngineSweepProvider provider;
    private ClaimCatalogue catalogue;
    private Verdict refuted;
    private Verdict holds;

    @BeforeAll
    void judgeBothClaimsOnTheRealEngine(@TempDir Path dir) throws IOException {
        ModelFixtures fixtures = ModelFixtures.load();
        ModelFixture fixture = fixtures.get(MODEL);
        Path weights = Project.modelCache().resolve(fixture.source().file());
        assumeTrue(Files.isRegularFile(weights), () -> "weights of " + MODEL + " are not at " + weights
                + "; fetch them with: python3 scripts/fetch_models.py " + MODEL);
        // GIVEN a planted catalogue, a 10-country capitals table and a tiny plan: k in {1, L-1}, one seed
        Path table = Files.writeString(dir.resolve("capitals.tsv"), TABLE);
        catalogue = ClaimCatalogue.load(Files.writeString(dir.resolve("catalogue.json"), CATALOGUE));
        SweepPlan plan = SweepPlan.SMALLEST.withLayerStride(1000).withKnownOnly(Set.of("capitals"));
        provider = new EngineSweepProvider(fixtures, List.of(new TaskSpec("capitals", 5, 0, Optional.of(table))),
                plan, new PrintStream(OutputStream.nullOutputStream()));
        // WHEN both claims are judged on the default model
        ClaimJudge judge = new ClaimJudge(catalogue);
        SweepProvider sweeps = RunWiring.sweeps(provider);
        refuted = judge.judge(catalogue.claim("P-REFUTE"), MODEL, "capitals", sweeps);
        holds = judge.judge(catalogue.claim("P-HOLD"), MODEL, "capitals", sweeps);
    }

    @AfterAll
    void closeModel() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void sweepIsTheTinyOneAskedFor() {
        SweepResult r = provider.sweep(MODEL, "capitals", "random");
        assertThat(r.layers()).containsExactly(1, r.numLayers() - 1);
        assertThat(r.numExamples()).isBetween(2, 5);
        // known-only: every swept example is answered correctly without manipulation
        assertThat(r.baseline()).containsOnly(1.0);
    }

    @Test
    void randomAtSecondLayerKeepingTheBaselineIsRefuted() {
        assertThat(refuted.outcome()).as(refuted.message()).isEqualTo(Verdict.Outcome.REFUTED);
        assertThat(refuted.decisive().k()).isEqualTo(1);
    }

    @Test
    void refutationMessageStatesTheMeasuredNumberTheBoundAndItsProvenance() {
        // GIVEN the share of the headroom lost at k = 1, computed here from the sweep itself
        SweepResult r = provider.sweep(MODEL, "capitals", "random");
        double lost = (r.meanBaseline() - r.meanScore(r.indexOfLayer(1))) / (r.meanBaseline() - r.chance());
        String message = refuted.message();
        // THEN the message starts as the category regex expects and holds number, bound and provenance
        assertThat(message).startsWith("Claim P-REFUTE REFUTED on " + MODEL + " | capitals");
        assertThat(message).contains("at k=1");
        assertThat(message).contains(String.format(Locale.ROOT, "%.3f", lost));
        assertThat(message).contains("required <= 0.100");
        assertThat(message).contains("wrong-verdict probability <= alpha 0.0500");
        assertThat(message).contains("(ours: planted bound for the refutation test)");
        assertThat(message).contains("range ours: planted: k = 1 only");
    }

    @Test
    void randomAtLastLayerKeepingTheBaselineHolds() {
        assertThat(holds.outcome()).as(holds.message()).isEqualTo(Verdict.Outcome.HOLDS);
        assertThat(holds.decisive().k()).isEqualTo(holds.numLayers() - 1);
        assertThat(holds.decisive().status()).isEqualTo(PointCheck.Status.SATISFIED);
        assertThat(holds.message()).startsWith("Claim P-HOLD HOLDS on " + MODEL);
    }

    @Test
    void categoriesFileClassifiesTheRefutationAsClaimRefuted() throws IOException {
        // GIVEN the categories.json written into a temporary results directory
        Path results = tmp.resolve("allure-results");
        new AllureResultsFiles(results).writeCategories();
        JsonElement categories = JsonParser.parseString(Files.readString(results.resolve("categories.json")));
        // WHEN Allure's rule is applied: the first category whose regex matches the whole message and whose
        // statuses include the test's status (a refuted claim fails)
        String category = null;
        for (JsonElement c : categories.getAsJsonArray()) {
            var o = c.getAsJsonObject();
            boolean statusMatches = o.getAsJsonArray("matchedStatuses").asList().stream()
                    .anyMatch(s -> s.getAsString().equals("failed"));
            if (statusMatches && Pattern.compile(o.get("messageRegex").getAsString()).matcher(refuted.message()).matches()) {
                category = o.get("name").getAsString();
                break;
            }
        }
        // THEN the refutation lands in "Claim refuted", and a HOLDS message would not
        assertThat(category).isEqualToIgnoringCase("Claim refuted");
        String refutedRegex = categories.getAsJsonArray().asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("name").getAsString().equalsIgnoreCase("Claim refuted"))
                .findFirst().orElseThrow().get("messageRegex").getAsString();
        assertThat(Pattern.compile(refutedRegex).matcher(holds.message()).matches()).isFalse();
    }
}
