package attendfirst.task.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.task.Golden;
import attendfirst.task.TaskDataException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SquadLoaderTest {

    @Test
    void readsEveryQuestionWithAllGoldAnswersAndItsParagraph() {
        // GIVEN a small file in the official v1.1 layout (two articles, two paragraphs, three questions)
        // WHEN loaded
        List<SquadLoader.Question> questions = SquadLoader.load(Golden.resource("squad_sample.json"));
        // THEN all questions are there, in file order, with every gold answer
        assertThat(questions).extracting(SquadLoader.Question::id).containsExactly("q1", "q2", "q3");
        assertThat(questions.get(0).answers()).containsExactly("fishermen", "fishermen who came from the coast");
        assertThat(questions.get(0).context()).contains("Vaskir").contains("\n");
        assertThat(questions).extracting(SquadLoader.Question::paragraph).containsExactly(0, 0, 1);
    }

    @Test
    void invalidJsonNamesTheFile() {
        Path bad = Golden.resource("squad_bad_json.json");
        assertThatThrownBy(() -> SquadLoader.load(bad))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("squad_bad_json.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void missingFieldNamesTheRecordAndTheField() {
        assertThatThrownBy(() -> SquadLoader.load(Golden.resource("squad_missing_question.json")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("data[0].paragraphs[0].qas[1]")
                .hasMessageContaining("missing field 'question'");
    }

    @Test
    void missingDataArrayIsReported() {
        assertThatThrownBy(() -> SquadLoader.load(Golden.resource("squad_no_data.json")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("missing field 'data'");
    }

    @Test
    void missingFileSaysWhereToGetIt() {
        assertThatThrownBy(() -> SquadLoader.load(Path.of("/nonexistent/dev-v1.1.json")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("/nonexistent/dev-v1.1.json")
                .hasMessageContaining("SQuAD-explorer");
    }
}
