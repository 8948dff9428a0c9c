package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.claim.SweepProvider;
import attendfirst.sweep.EngineSweepProvider;
import attendfirst.sweep.SweepPlan;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.TaskSweep;
import attendfirst.task.TaskSpec;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Adaptive sampling's premise on the real default model: a sweep extended a round at a time (examples 1..2, then
 * 3..4, joined) equals one sweep over all four examples, so the looks of a sequential run judge exactly the numbers a
 * one-look run would have on the same prefix.
 */
@Epic("Claim harness")
@Feature("Adaptive sampling")
class RoundsOnRealModelTest {

    private static final String MODEL = "smollm2-135m-instruct";

    @Test
    void sweepingFourCapitalsInTwoRoundsEqualsOneSweepOverAllFour() {
        ModelFixtures fixtures = ModelFixtures.load();
        assertThat(Project.modelCache().resolve(fixtures.get(MODEL).source().file()))
                .as("weights of %s (fetch with python3 scripts/fetch_models.py %s)", MODEL, MODEL)
                .matches(Files::isRegularFile);
        // GIVEN 4 capitals examples (all drawn, not known-only), one seed, the grid k in {1, L}: 2 layers
        SweepPlan plan = SweepPlan.SMALLEST.withLayerStride(1000);
        List<TaskSpec> tasks = List.of(new TaskSpec("capitals", 4, 0, Optional.empty()));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (EngineSweepProvider inRounds = new EngineSweepProvider(fixtures, tasks, plan, quiet);
             EngineSweepProvider atOnce = new EngineSweepProvider(fixtures, tasks, plan, quiet)) {
            RunWiring.EngineSweeps rounds = RunWiring.sweeps(inRounds);
            // WHEN one provider sweeps examples 1..2 and then extends to 1..4, the other sweeps 1..4 at once
            SweepProvider firstRound = rounds.firstExamples(MODEL, "capitals", 2);
            List<SweepResult> round1 = TaskSweep.KINDS.stream()
                    .map(k -> firstRound.sweep(MODEL, "capitals", k.label())).toList();
            SweepProvider secondRound = rounds.firstExamples(MODEL, "capitals", 4);
            for (int i = 0; i < TaskSweep.KINDS.size(); i++) {
                String m = TaskSweep.KINDS.get(i).label();
                SweepResult joined = secondRound.sweep(MODEL, "capitals", m);
                SweepResult whole = atOnce.sweep(MODEL, "capitals", m);
                // THEN every manipulation's scores and baseline are the same, example by example
                assertThat(whole.layers()).hasSize(2);
                assertThat(joined.numExamples()).isEqualTo(4);
                assertThat(joined.layers()).isEqualTo(whole.layers());
                assertThat(joined.baseline()).as(m + " baseline").isEqualTo(whole.baseline());
                assertThat(joined.scores()).as(m + " scores [k][seed][example]").isDeepEqualTo(whole.scores());
                // AND the first round is the first two examples of the whole
                assertThat(round1.get(i).baseline()).isEqualTo(java.util.Arrays.copyOf(whole.baseline(), 2));
                for (int k = 0; k < whole.layers().length; k++) {
                    assertThat(round1.get(i).scores()[k][0]).isEqualTo(java.util.Arrays.copyOf(whole.scores()[k][0], 2));
                }
            }
            // AND the provider reports the extended prefix for the plots
            assertThat(rounds.sweep(MODEL, "capitals", "random").numExamples()).isEqualTo(4);
        }
    }
}
