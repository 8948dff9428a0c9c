package attendfirst.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {

    @Test
    void parsesEverySpecForm() {
        assertThat(TaskSpec.parse("capitals")).isEqualTo(new TaskSpec("capitals", 50, 0, Optional.empty()));
        assertThat(TaskSpec.parse("capitals:12")).isEqualTo(new TaskSpec("capitals", 12, 0, Optional.empty()));
        assertThat(TaskSpec.parse(" arithmetic:100:7 ")).isEqualTo(new TaskSpec("arithmetic", 100, 7, Optional.empty()));
        assertThat(TaskSpec.parse("squad:200:7:/data/dev-v1.1.json"))
                .isEqualTo(new TaskSpec("squad", 200, 7, Optional.of(Path.of("/data/dev-v1.1.json"))));
        assertThat(TaskSpec.parse("cnndm::3:C:/data/x.csv"))
                .isEqualTo(new TaskSpec("cnndm", 20, 3, Optional.of(Path.of("C:/data/x.csv"))));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> TaskSpec.parse("capitols:5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capitols").hasMessageContaining("[capitals, capitals-full, arithmetic, squad, cnndm]");
        assertThatThrownBy(() -> TaskSpec.parse("capitals:many")).hasMessageContaining("name[:size[:seed[:path]]]");
        assertThatThrownBy(() -> TaskSpec.parse("capitals:0")).hasMessageContaining("size must be positive");
    }

    @Test
    void createsEachTaskWithTheRequestedSize() {
        for (String name : TaskRegistry.names()) {
            Task task = TaskRegistry.create(name + ":4:1");
            assertThat(task.name()).isEqualTo(name);
            assertThat(task.examples()).hasSize(4);
            assertThat(task.metrics(task.examples().get(0), "")).containsKey(task.primaryMetric());
            assertThat(task.score(task.examples().get(0), task.examples().get(0).answers().get(0))).isEqualTo(1.0);
        }
    }

    @Test
    void missingDatasetFileIsAClearError() {
        assertThatThrownBy(() -> TaskRegistry.create("squad:5:0:/nowhere/dev-v1.1.json"))
                .isInstanceOf(TaskDataException.class).hasMessageContaining("/nowhere/dev-v1.1.json");
        assertThatThrownBy(() -> TaskRegistry.create("arithmetic:5:0:/x.json")).hasMessageContaining("no data file");
    }

    @Test
    void knownExamplesKeepWhatTheCleanModelGetsRight() {
        Task task = TaskRegistry.create("arithmetic:10:0");
        List<Example> all = task.examples();
        // a fake "model" that answers only the even-indexed examples correctly
        List<Example> known = KnownExamples.filter(task, all,
                e -> all.indexOf(e) % 2 == 0 ? " " + e.answers().get(0) : " -1", 1.0);
        assertThat(known).hasSize(5).allSatisfy(e -> assertThat(all.indexOf(e) % 2).isZero());
    }

    @Test
    void capitalsFullIsTheSameDrawOfCountriesUnderItsOwnName() {
        // GIVEN capitals and capitals-full at one size and seed
        Task known = TaskRegistry.create("capitals:12:5");
        Task full = TaskRegistry.create("capitals-full:12:5");
        // THEN they ask the same countries with the same prompts; only the name (and so the run's known-only filter) differs
        assertThat(full.name()).isEqualTo("capitals-full");
        assertThat(full.examples()).extracting(Example::prompt)
                .containsExactlyElementsOf(known.examples().stream().map(Example::prompt).toList());
    }
}
