package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Verdict tables")
class VerdictTableMainTest {
    private static final Path REPO = attendfirst.claim.ClaimCatalogue.RepoRoot.find();

    @Test
    void tableAndCompareRenderTheirSummaries() {
        String summary = REPO.resolve("docs/claims-summary.json").toString();
        assertThat(VerdictTableMain.render(new String[] {"table", "--summary", summary})).startsWith("| claim | task |");
        assertThat(VerdictTableMain.render(new String[] {"compare", "--summary", summary, "--summary", summary,
                "--label-a", "x", "--label-b", "y"})).startsWith("## x: run ").contains("## y: run ")
                .contains("Same verdict on **72 of 72 cells = 100.0%**");
    }

    @Test
    void badArgumentsSayWhatIsAccepted() {
        String summary = REPO.resolve("docs/claims-summary.json").toString();
        assertThatThrownBy(() -> VerdictTableMain.render(new String[] {})).hasMessageContaining("usage:");
        assertThatThrownBy(() -> VerdictTableMain.render(new String[] {"tabel", "--summary", summary}))
                .hasMessageContaining("unknown command 'tabel'");
        assertThatThrownBy(() -> VerdictTableMain.render(new String[] {"compare", "--summary", summary}))
                .hasMessageContaining("compare takes 2 summary file(s), got [" + summary + "]");
        assertThatThrownBy(() -> VerdictTableMain.render(new String[] {"table", "--summary", "no-such.json"}))
                .hasMessageContaining("claims summary no-such.json does not exist");
        assertThatThrownBy(() -> VerdictTableMain.render(new String[] {"table", "--summary", summary, "--label"}))
                .hasMessageContaining("unknown option --label");
    }
}
