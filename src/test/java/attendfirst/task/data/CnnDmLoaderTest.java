package attendfirst.task.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.task.Golden;
import attendfirst.task.TaskDataException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CnnDmLoaderTest {

    @Test
    void csvWithQuotedCommasNewlinesAndDoubledQuotesIsRead() {
        // GIVEN an RFC 4180 CSV (CRLF, quoted fields with commas, newlines and "" escapes, a blank last line)
        // WHEN loaded
        List<CnnDmLoader.Item> items = CnnDmLoader.load(Golden.resource("cnndm_sample.csv"));
        // THEN both records come back with their text intact
        assertThat(items).extracting(CnnDmLoader.Item::id).containsExactly("n1", "n2");
        assertThat(items.get(0).article()).isEqualTo("The mill of Dorra reopened, after a long \"pause\", on Monday.\nWorkers cheered.");
        assertThat(items.get(0).highlights()).isEqualTo("Dorra mill reopens.\nWorkers cheer.");
        assertThat(items.get(1).article()).isEqualTo("Short plain article without quotes.");
    }

    @Test
    void jsonlSkipsBlankLinesAndNumbersRecordsWithoutId() {
        List<CnnDmLoader.Item> items = CnnDmLoader.load(Golden.resource("cnndm_sample.jsonl"));
        assertThat(items).extracting(CnnDmLoader.Item::id).containsExactly("j1", "line3");
        assertThat(items.get(1).highlights()).isEqualTo("Ferry links Osk and Varn.");
    }

    @Test
    void csvHeaderWithoutArticleAndHighlightsIsRejected() {
        assertThatThrownBy(() -> CnnDmLoader.load(Golden.resource("cnndm_wrong_header.csv")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("cnndm_wrong_header.csv line 1")
                .hasMessageContaining("'article' and 'highlights'");
    }

    @Test
    void unclosedQuoteIsRejectedWithTheLineItStartedOn() {
        assertThatThrownBy(() -> CnnDmLoader.load(Golden.resource("cnndm_unclosed.csv")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
    }

    @Test
    void rowWithTooFewFieldsIsRejected() {
        assertThatThrownBy(() -> CnnDmLoader.load(Golden.resource("cnndm_short_row.csv")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("line 3").hasMessageContaining("has 2 fields, the header has 3");
    }

    @Test
    void jsonlMissingFieldNamesLineAndField() {
        assertThatThrownBy(() -> CnnDmLoader.load(Golden.resource("cnndm_missing_field.jsonl")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("cnndm_missing_field.jsonl line 2")
                .hasMessageContaining("missing field 'highlights'");
    }

    @Test
    void jsonlWithBrokenJsonNamesTheLine() {
        assertThatThrownBy(() -> CnnDmLoader.load(Golden.resource("cnndm_bad_json.jsonl")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("line 2").hasMessageContaining("not valid JSON");
    }

    @Test
    void missingFileAndUnknownExtensionAreExplained() {
        assertThatThrownBy(() -> CnnDmLoader.load(Path.of("/nonexistent/test.csv")))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("/nonexistent/test.csv").hasMessageContaining("article and highlights");
        assertThatThrownBy(() -> CnnDmLoader.load(Golden.resource("metrics_golden.json").resolveSibling("squad_sample.json")))
                .isInstanceOf(TaskDataException.class); // a .json that is not JSONL of articles
    }
}
