package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.claim.Verdict;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

/**
 * Which stored cell the report's "changed against the committed baseline" list compares a run with, when the
 * baseline holds the same (claim, task) under several plans: the newest accepted one. The file is sorted by plan
 * text ("squad:16:0" before "squad:8:0"), so its last line is no guide (a report once showed an accepted cell as
 * changed because the older plan's line came last).
 */
@Epic("Attend First, Consolidate Later")
@Feature("Claim report")
class ChangeListTest {
    private static Expectations.Cell cell(String examples, String verdict, String run) {
        JsonObject json = new JsonObject();
        json.addProperty("verdict", verdict);
        if (run != null) {
            json.addProperty("run", run);
        }
        return new Expectations.Cell("C3", "squad", new CellPlan(2, 2, examples, false, 0, 0), Verdict.Outcome.valueOf(verdict), json);
    }

    @Test
    void theNewestAcceptedCellOfAPairIsTheOneComparedWhateverItsPlaceInTheFile() {
        // GIVEN the same pair accepted by a run of the new plan and converted from the old verdict-only format
        Expectations.Cell accepted = cell("squad:16:0 in 3 looks", "INCONCLUSIVE", "20261129T180334Z-540fd48062-planb77d266d");
        Expectations.Cell converted = cell("squad:8:0", "HOLDS", "converted from the verdict-only format");
        // WHEN either comes later in the file THEN the accepted one is compared
        assertThat(ChangeList.newer(accepted, converted)).isSameAs(accepted);
        assertThat(ChangeList.newer(converted, accepted)).isSameAs(accepted);
        // AND of two accepted runs the later one is compared, and a cell without a run is the oldest
        Expectations.Cell later = cell("squad:32:0", "REFUTED", "20261130T090000Z-abcdef0123-plan00000000");
        assertThat(ChangeList.newer(later, accepted)).isSameAs(later);
        assertThat(ChangeList.newer(accepted, later)).isSameAs(later);
        assertThat(ChangeList.newer(cell("squad:4:0", "HOLDS", null), converted)).isSameAs(converted);
    }
}
