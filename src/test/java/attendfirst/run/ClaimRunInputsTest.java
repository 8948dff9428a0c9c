package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 2 of issue 18: every input is read before the first sweep. A malformed baseline file
 * ({@code <expectations>/<model>.json}) stops the run at once, naming the file and the field, before any
 * provider is made (no sweep), any result is cleared or any run folder is made. Tiny plan, no model loaded.
 */
@Epic("Infrastructure")
@Feature("Run lifecycle")
class ClaimRunInputsTest {

    private static final String MODEL = "smollm2-135m-instruct";

    @TempDir
    Path dir;

    private RunConfig config(String... models) {
        Properties p = new Properties();
        p.setProperty("attendfirst.models", String.join(",", models));
        p.setProperty("attendfirst.claimIds", "C1");
        p.setProperty("attendfirst.tasks", "capitals:4");
        p.setProperty("attendfirst.layerStride", "10");
        p.setProperty("attendfirst.seeds", "1");
        p.setProperty("attendfirst.workers", "1");
        p.setProperty("attendfirst.expectations", dir.resolve("expectations").toString());
        p.setProperty("attendfirst.summary", dir.resolve("target/claims-summary.json").toString());
        p.setProperty("attendfirst.gate", dir.resolve("target/claims-gate.properties").toString());
        p.setProperty("attendfirst.runs", dir.resolve("target/claims-runs").toString());
        p.setProperty("allure.results.directory", dir.resolve("allure-results").toString());
        return RunConfig.from(p);
    }

    private Path baseline(String model, String text) throws IOException {
        Files.createDirectories(dir.resolve("expectations"));
        return Files.writeString(dir.resolve("expectations").resolve(model + ".json"), text);
    }

    @Test
    void aMalformedBaselineStopsTheRunBeforeAnySweepNamingFileAndField() throws IOException {
        // GIVEN a baseline whose only cell has a misspelt verdict, and earlier results in allure-results/
        Path file = baseline(MODEL, "{\"format\": 2, \"model\": \"" + MODEL + "\", \"cells\": [{\"claim\": \"C1\","
                + " \"task\": \"capitals\", \"plan\": {}, \"verdict\": \"HOLD\"}]}");
        Path earlier = Files.writeString(Files.createDirectories(dir.resolve("allure-results")).resolve("x-result.json"), "{}");
        AtomicInteger providersMade = new AtomicInteger();
        // WHEN the run starts THEN it stops at once, naming the file and the field, having swept nothing
        assertThatThrownBy(() -> new ClaimRun(config(MODEL), () -> {
            providersMade.incrementAndGet();
            throw new AssertionError("no sweep may start");
        }, new PrintStream(OutputStream.nullOutputStream())))
                .hasMessageContaining("before the first sweep")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("verdict")
                .hasMessageContaining("'HOLD'");
        assertThat(providersMade).hasValue(0);
        // and touched nothing: the earlier results stay, no run folder, no lock left
        assertThat(earlier).exists();
        assertThat(dir.resolve("target/claims-runs")).doesNotExist();
        assertThat(dir.resolve("target").resolve(RunLock.FILE)).doesNotExist();
    }

    @Test
    void everyBadBaselineOfTheRunIsNamedAtOnceButOneOfAnotherModelIsNot() throws IOException {
        // GIVEN two run models with bad baselines (a wrong model field, not JSON) and a bad one of a third model
        Path wrongModel = baseline(MODEL, "{\"format\": 2, \"model\": \"gemma3-270m\", \"cells\": []}");
        Path notJson = baseline("gemma3-270m", "{\"format\": 2, ");
        baseline("qwen2.5-coder-0.5b-instruct", "garbage");
        // WHEN the inputs are checked THEN both run models' files are named, the third model's is not
        assertThatThrownBy(() -> ClaimRun.checkInputs(config(MODEL, "gemma3-270m")))
                .hasMessageContaining(wrongModel + ": field model: expected \"" + MODEL + "\"")
                .hasMessageContaining(notJson + ": not valid JSON")
                .message().doesNotContain("qwen2.5-coder-0.5b-instruct");
    }

    @Test
    void aRunWithValidOrMissingBaselinesStarts() throws Exception {
        // GIVEN one model's baseline valid (empty), none for the other
        baseline(MODEL, "{\"format\": 2, \"model\": \"" + MODEL + "\", \"cells\": []}");
        // WHEN the run starts THEN it does, holding the lock until closed
        try (ClaimRun run = new ClaimRun(config(MODEL, "gemma3-270m"), () -> {
            throw new AssertionError("not asked");
        }, new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(run.lock().owned()).isTrue();
        }
        assertThat(dir.resolve("target").resolve(RunLock.FILE)).doesNotExist();
    }
}
