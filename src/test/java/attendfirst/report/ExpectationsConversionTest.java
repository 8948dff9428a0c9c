package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.fixture.Project;
import attendfirst.run.ConvertExpectations;
import attendfirst.run.RunConfig;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed baselines were converted from the verdict-only format without losing a cell: every cell of the
 * old files (kept under src/test/resources/expectations-format1) is in the committed file with the same verdict
 * and the plan its run used (reduced: the pom's defaults; main: the {@code claims} profile), and nothing else is.
 */
@Epic("Infrastructure")
@Feature("Expectations")
class ExpectationsConversionTest {

    static final Path OLD = Project.root().resolve("src/test/resources/expectations-format1");
    static final Path NOW = Project.root().resolve("fixtures/expectations");
    /** The converted files as the conversion wrote them, before any later run was accepted into them. */
    static final Path CONVERTED = Project.root().resolve("src/test/resources/expectations-format2-converted");

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "reduced, smollm2-135m-instruct, 'capitals:16,arithmetic:8,squad:4,cnndm:2', 3, 6, 1",
            "main,    smollm2-135m-instruct, 'capitals:30,arithmetic:16,squad:8,cnndm:4', 2, 12, 2",
            "main,    gemma3-270m,           'capitals:30,arithmetic:16,squad:8,cnndm:4', 2, 12, 2"})
    void everyOldCellIsInTheCommittedFileWithItsVerdictAndTheProfilesPlan(String profile, String model, String tasks,
                                                                         int stride, int switchExamples,
                                                                         int switchPairs) throws IOException {
        // GIVEN the old file and the plan of its profile
        JsonObject old = JsonParser.parseString(Files.readString(OLD.resolve(profile).resolve(model + ".json")))
                .getAsJsonObject().getAsJsonObject("verdicts");
        Map<String, String> oldCells = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : old.entrySet()) {
            oldCells.put(e.getKey(), e.getValue().getAsString());
        }
        RunConfig plan = config(tasks, stride, switchExamples, switchPairs);
        // WHEN the committed, converted file is read
        Expectations.Stored now = Expectations.read(NOW.resolve(profile).resolve(model + ".json"));
        // THEN every old cell is still there under the plan it was judged under (a later --accept under that same
        // plan may have replaced it: then it names its run); a cell still as converted keeps the old verdict
        assertThat(now.model()).isEqualTo(model);
        Map<String, Expectations.Cell> nowCells = new TreeMap<>();
        for (Expectations.Cell c : now.cells()) {
            if (oldCells.containsKey(c.claim() + "|" + c.task())
                    && c.plan().equals(plan.cellPlan(plan.catalogue().claim(c.claim()), c.task()))) {
                nowCells.put(c.claim() + "|" + c.task(), c);
            }
        }
        assertThat(nowCells.keySet()).as("old cells under their profile's plan").isEqualTo(oldCells.keySet());
        for (Expectations.Cell c : nowCells.values()) {
            String run = c.json().has("run") ? c.json().get("run").getAsString() : "";
            if (run.startsWith("converted")) {
                assertThat(c.verdict().name()).as(c.claim() + "|" + c.task()).isEqualTo(oldCells.get(c.claim() + "|" + c.task()));
            } else {
                assertThat(run).as(c.claim() + "|" + c.task() + " replaced by an accepted run").matches("\\d{8}T\\d{6}Z-.+");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"reduced, 'capitals:16,arithmetic:8,squad:4,cnndm:2', 3, 6, 1"})
    void convertingAgainFromTheOldFilesGivesTheCommittedBytes(String profile, String tasks, int stride,
                                                              int switchExamples, int switchPairs,
                                                              @org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        // GIVEN a copy of the old files
        try (Stream<Path> files = Files.list(OLD.resolve(profile))) {
            for (Path f : files.toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        // WHEN they are converted with the profile's plan
        RunConfig plan = config(tasks, stride, switchExamples, switchPairs);
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                assertThat(ConvertExpectations.convert(f, plan, "format of the reduced run (pom defaults)"))
                        .isEqualTo(33);
                // THEN the result is the file the conversion committed, byte for byte; converting twice changes nothing
                assertThat(Files.readString(f))
                        .isEqualTo(Files.readString(CONVERTED.resolve(profile).resolve(f.getFileName())));
                assertThat(ConvertExpectations.convert(f, plan, "again")).isEqualTo(-1);
            }
        }
    }

    static RunConfig config(String tasks, int stride, int switchExamples, int switchPairs) {
        Properties p = new Properties();
        p.setProperty("attendfirst.tasks", tasks);
        p.setProperty("attendfirst.seeds", "2");
        p.setProperty("attendfirst.layerStride", Integer.toString(stride));
        p.setProperty("attendfirst.switchExamples", Integer.toString(switchExamples));
        p.setProperty("attendfirst.switchPairs", Integer.toString(switchPairs));
        p.setProperty("attendfirst.workers", "1");
        // the old files come from runs that judged every cell once, on all its examples
        p.setProperty("attendfirst.looks", "1");
        // ... and judged only capitals on the examples the model knows (known-only judging of every task came later)
        p.setProperty("attendfirst.knownOnly", "capitals");
        return RunConfig.from(p);
    }
}
