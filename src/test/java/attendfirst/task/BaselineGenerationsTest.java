package attendfirst.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real generations of the default model (SmolLM2-135M-Instruct, greedy, float32, HF transformers),
 * scored in Python by tools/tasks_baseline_check.py with independent code (rouge-score package,
 * official SQuAD formula). The Java metrics must give the same number for every generation, and the
 * same mean as the baseline reported in fixtures/tasks/README.md.
 */
class BaselineGenerationsTest {

    static Stream<JsonObject> tasks() throws IOException {
        String text = Files.readString(Golden.resource("baseline_generations.json"), StandardCharsets.UTF_8);
        List<JsonObject> out = new ArrayList<>();
        JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("tasks").forEach(t -> out.add(t.getAsJsonObject()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tasks")
    void javaMetricsReproducePythonScoresOnRealGenerations(JsonObject recorded) {
        // GIVEN the task the generations came from
        Task task = TaskRegistry.create(recorded.get("spec").getAsString());
        Map<String, Double> sums = new LinkedHashMap<>();
        int n = 0;
        for (JsonElement element : recorded.getAsJsonArray("examples")) {
            JsonObject row = element.getAsJsonObject();
            List<String> answers = new ArrayList<>();
            row.getAsJsonArray("answers").forEach(a -> answers.add(a.getAsString()));
            Map<String, String> fields = new LinkedHashMap<>();
            row.getAsJsonObject("fields").entrySet().forEach(f -> fields.put(f.getKey(), f.getValue().getAsString()));
            Example example = new Example(row.get("id").getAsString(), "", answers, fields);
            // WHEN the Java task scores the recorded generation
            Map<String, Double> metrics = task.metrics(example, row.get("generated").getAsString());
            // THEN every metric equals the Python one
            for (Map.Entry<String, JsonElement> expected : row.getAsJsonObject("metrics").entrySet()) {
                assertThat(metrics.get(expected.getKey()))
                        .as("%s %s on %s", row.get("id"), expected.getKey(), row.get("generated"))
                        .isCloseTo(expected.getValue().getAsDouble(), within(1e-9));
                sums.merge(expected.getKey(), metrics.get(expected.getKey()), Double::sum);
            }
            n++;
        }
        double primaryMean = sums.get(task.primaryMetric()) / n;
        assertThat(primaryMean).isCloseTo(recorded.getAsJsonObject("mean").get(task.primaryMetric()).getAsDouble(),
                within(1e-9));
    }
}
