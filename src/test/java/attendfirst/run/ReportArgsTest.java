package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one parser of the report entry points (ClaimReportMain, LadderMain). */
@Epic("Infrastructure")
@Feature("Claim report")
class ReportArgsTest {

    @TempDir
    Path tmp;

    @Test
    void theClaimReportsOptionsAreRead() throws IOException {
        Path s = Files.writeString(tmp.resolve("a.json"), "{}");
        var o = ClaimReportMain.options(new String[] {"--report", "r", "--summary", s.toString(), "--summary",
                s.toString(), "--previous", "p"});
        assertThat(o.report()).isEqualTo(Path.of("r"));
        assertThat(o.summaries()).containsExactly(s, s);
        assertThat(o.previous()).isEqualTo(Path.of("p"));
        assertThat(o.expectations()).isNull();
    }

    @Test
    void wrongCommandLinesAreNamed() throws IOException {
        Path s = Files.writeString(tmp.resolve("a.json"), "{}");
        assertThatThrownBy(() -> LadderMain.main(new String[] {"--summary", s.toString(), "--previous", "p"}))
                .hasMessageContaining("unknown option --previous; expected --summary, --report, --models");
        assertThatThrownBy(() -> ClaimReportMain.options(new String[] {"--report", "r", "--report", "q", "--summary",
                s.toString()})).hasMessageContaining("option --report given 2 times");
        assertThatThrownBy(() -> ClaimReportMain.options(new String[] {"--report", "r", "--summary",
                tmp.resolve("missing.json").toString()})).hasMessageContaining("missing.json does not exist");
        assertThatThrownBy(() -> ClaimReportMain.options(new String[] {"--summary", s.toString()}))
                .hasMessageContaining("needs --report");
        assertThatThrownBy(() -> ClaimReportMain.options(new String[] {"--report"}))
                .hasMessageContaining("option --report needs a value");
    }
}
