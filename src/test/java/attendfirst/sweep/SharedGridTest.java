package attendfirst.sweep;

import attendfirst.model.LoadedModel;
import attendfirst.task.TaskRegistry;
import attendfirst.testing.RealModel;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One k grid per (model, task), shared by every manipulation, from k = 1: claims compare manipulations at the
 * same k, and k = 0 (true by construction for random and skip-attention) is not swept.
 */
@Epic("Infrastructure")
@Feature("Sweep engine")
@RealModel
class SharedGridTest {
    @Test
    void gridStartsAtOneStepsByTheStrideAndEndsAtTheLastLayer() {
        // GIVEN plans of stride 1, 2 and 3 WHEN the grid of a 30-layer model is asked THEN
        assertThat(plan(1).grid(30)).startsWith(1, 2, 3).endsWith(28, 29).hasSize(29);
        assertThat(plan(2).grid(30)).containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29);
        assertThat(plan(3).grid(18)).containsExactly(1, 4, 7, 10, 13, 16, 17);
    }

    @Test
    void everyManipulationOfATaskSweepReportsTheSameKValues(LoadedModel model) {
        // GIVEN a tiny sweep: two capitals examples, stride 1000 (k = 1 and L - 1), one seed
        SweepPlan plan = SweepPlan.SMALLEST.withLayerStride(1000);
        // WHEN
        Map<String, SweepResult> sweeps = new TaskSweep(model, plan).run(TaskRegistry.create("capitals:2"),
                new Progress("grid", TaskSweep.units(2), new PrintStream(OutputStream.nullOutputStream())));
        // THEN every kind was swept, on one grid
        assertThat(sweeps.keySet()).containsExactly("random", "shuffle", "freeze", "skip-attention");
        int last = model.config().nLayers() - 1;
        sweeps.forEach((kind, r) -> assertThat(r.layers()).as(kind).containsExactly(1, last));
    }

    private static SweepPlan plan(int stride) {
        return SweepPlan.SMALLEST.withSeeds(2).withLayerStride(stride);
    }
}
