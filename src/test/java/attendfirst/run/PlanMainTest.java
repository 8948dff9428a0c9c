package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code --plan} plans what the run executes: both read the same properties through the one {@link RunConfig}. */
@Epic("Infrastructure")
@Feature("Run configuration")
class PlanMainTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("attendfirst.workers", "1");
        p.setProperty("plan.device", "cpu");
        p.setProperty("plan.memory", "24GiB");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void thePlanCommandDerivesTheRunsTasksSweepPlanProductsAndModels() {
        // GIVEN the properties of a main-profile run with every plan setting changed from its default
        Properties p = props("attendfirst.tasks", "capitals:60,capitals-full:40,arithmetic:40,squad:24,cnndm:6",
                "attendfirst.seeds", "2", "attendfirst.layerStride", "2", "attendfirst.switchExamples", "16",
                "attendfirst.switchPairs", "2", "attendfirst.knownOnly", "capitals,squad",
                "attendfirst.memoryBudget", "3GiB", "attendfirst.batchBudget", "4000", "attendfirst.products", "float32",
                "attendfirst.models", "gemma3-270m");
        // WHEN the run reads them and --plan reads them
        RunConfig run = RunConfig.from(p);
        PlanMain.Command plan = PlanMain.command(new String[0], p);
        // THEN both have the same plan
        assertThat(plan.settings().plan()).isEqualTo(run.plan());
        assertThat(plan.settings().plan().knownOnly()).containsExactlyInAnyOrder("capitals", "squad");
        assertThat(plan.settings().plan().memoryBudget()).isEqualTo(3L << 30);
        assertThat(plan.settings().tasks()).isEqualTo(run.tasks());
        assertThat(plan.settings().products()).isEqualTo(run.products());
        assertThat(plan.models()).isEqualTo(run.models()).containsExactly("gemma3-270m");
        assertThat(plan.settings().gpu()).isFalse();
        assertThat(plan.settings().deviceBytes()).isEqualTo(24L << 30);
    }

    @Test
    void modelsNamedAsArgumentsReplaceTheRunsModels() {
        PlanMain.Command plan = PlanMain.command(new String[] {"gemma3-270m, smollm2-135m-instruct", null}, props());
        assertThat(plan.models()).containsExactly("gemma3-270m", "smollm2-135m-instruct");
    }

    @Test
    void capitalsFullInKnownOnlyIsRefusedByThePlanAsByTheRun() {
        // GIVEN -Dattendfirst.knownOnly=capitals-full (the plan's own parser used to accept it, the run refused it)
        Properties p = props("attendfirst.knownOnly", "capitals-full");
        // WHEN both read it THEN both refuse it with the same problems
        RunConfigException byRun = org.junit.jupiter.api.Assertions.assertThrows(RunConfigException.class,
                () -> RunConfig.from(p));
        RunConfigException byPlan = org.junit.jupiter.api.Assertions.assertThrows(RunConfigException.class,
                () -> PlanMain.command(new String[0], p));
        assertThat(byPlan.problems()).isEqualTo(byRun.problems()).singleElement().asString()
                .contains("-Dattendfirst.knownOnly names capitals-full");
    }

    @Test
    void aBadMemorySizeForThePlannedMachineIsNamed() {
        assertThatThrownBy(() -> PlanMain.command(new String[0], props("plan.memory", "lots")))
                .hasMessageContaining("plan.memory is 'lots'");
        assertThat(RunConfig.parseBytes("24GiB")).isEqualTo(24L << 30);
        assertThat(RunConfig.parseBytes("80GB")).isEqualTo(80_000_000_000L);
        assertThat(List.of(RunConfig.parseBytes("512"))).containsExactly(512L);
    }
}
