package attendfirst.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.claim.Claim;

import attendfirst.claim.ClaimCase;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** One test per typo a user makes on the command line: the message names the wrong value and the accepted ones. */
@Epic("Infrastructure")
@Feature("Run configuration")
class RunConfigTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("attendfirst.workers", "1");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void theDefaultConfigurationJudgesTheWholeCatalogueOnTheDefaultRunModels() {
        RunConfig c = RunConfig.from(props());
        assertThat(c.models()).contains("smollm2-135m-instruct");
        assertThat(c.cases()).hasSizeGreaterThan(30);
        assertThat(c.expectations()).endsWith(java.nio.file.Path.of("fixtures/expectations/reduced"));
        assertThat(c.strict()).isFalse();
        assertThat(c.failOnRegression()).isTrue();
    }

    @Test
    void anUnknownClaimIdIsNamedWithTheCatalogueIds() {
        // GIVEN -Dattendfirst.claimIds=C9 (used to end in JUnit's "You must configure at least one set of arguments")
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.claimIds", "C1,C9")))
                .isInstanceOf(RunConfigException.class)
                .hasMessageContaining("unknown claim id 'C9' in -Dattendfirst.claimIds")
                .hasMessageContaining("[C1, C1s, C2");
    }

    @Test
    void anUnknownModelIsNamedOnceWithTheFixtureNames() {
        RunConfigException e = org.junit.jupiter.api.Assertions.assertThrows(RunConfigException.class,
                () -> RunConfig.from(props("attendfirst.models", "no-such-model")));
        assertThat(e.problems()).filteredOn(p -> p.contains("no-such-model")).singleElement().asString()
                .contains("unknown model 'no-such-model' in -Dattendfirst.models")
                .contains("gemma3-270m").contains("smollm2-135m-instruct");
    }

    @Test
    void anUnknownTaskIsNamedWithTheKnownTasks() {
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.tasks", "capitals:4,capitalz:4")))
                .hasMessageContaining("'capitalz:4'").hasMessageContaining("unknown task 'capitalz'")
                .hasMessageContaining("[capitals, capitals-full, arithmetic, squad, cnndm]");
    }

    @Test
    void aMisspeltPropertyIsNamedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.layerstride", "10")))
                .hasMessageContaining("unknown property -Dattendfirst.layerstride=10")
                .hasMessageContaining("attendfirst.layerStride");
    }

    @Test
    void badNumbersAndBooleansAreNamed() {
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.seeds", "two", "attendfirst.strict", "yes")))
                .hasMessageContaining("2 problems")
                .hasMessageContaining("-Dattendfirst.seeds=two: expected a whole number >= 1")
                .hasMessageContaining("-Dattendfirst.strict=yes: expected true or false");
    }

    @Test
    void aMemoryBudgetIsReadAsASizeAndReachesTheSweepPlan() {
        // GIVEN a memory budget in GiB and a fixed batch budget WHEN read THEN the plan carries both
        RunConfig c = RunConfig.from(props("attendfirst.memoryBudget", "6GiB", "attendfirst.batchBudget", "2048"));
        assertThat(c.plan().memoryBudget()).isEqualTo(6L << 30);
        assertThat(c.plan().batchBudget()).isEqualTo(2048);
        // GIVEN neither WHEN read THEN both are derived (0: from the device, from memory)
        RunConfig d = RunConfig.from(props());
        assertThat(d.plan().memoryBudget()).isZero();
        assertThat(d.plan().batchBudget()).isZero();
    }

    @Test
    void aBadMemoryBudgetIsNamedWithTheExpectedForm() {
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.memoryBudget", "lots")))
                .hasMessageContaining("-Dattendfirst.memoryBudget=lots: expected a size > 0 such as 4GiB");
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.memoryBudget", "0")))
                .hasMessageContaining("-Dattendfirst.memoryBudget=0: expected a size > 0");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RunConfigException e = org.junit.jupiter.api.Assertions.assertThrows(RunConfigException.class,
                () -> RunConfig.from(props("attendfirst.claimIds", "C9", "attendfirst.models", "nope",
                        "attendfirst.tasks", "capitalz")));
        assertThat(e.problems()).hasSize(3);
    }

    @Test
    void aSelectionThatJudgesNothingIsRefusedSayingWhy() {
        // C5 (switch) is asked of capitals only
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.claimIds", "C5", "attendfirst.tasks", "arithmetic")))
                .hasMessageContaining("the selection judges nothing").hasMessageContaining("[capitals]")
                .hasMessageContaining("[arithmetic]");
    }

    @Test
    void aCellPlanHoldsGridSeedsSampleAndForTheSwitchClaimItsSizes() {
        RunConfig c = RunConfig.from(props("attendfirst.tasks", "capitals:16:3", "attendfirst.seeds", "2", "attendfirst.looks", "1",
                "attendfirst.layerStride", "3", "attendfirst.switchExamples", "6", "attendfirst.switchPairs", "1"));
        ClaimCase c1 = c.cases().stream().filter(x -> x.claim().id().equals("C1")).findFirst().orElseThrow();
        assertThat(c.cellPlan(c1.claim(), "capitals").describe()).isEqualTo("stride 3, 2 seeds, capitals:16:3 known-only");
        ClaimCase c5 = c.cases().stream().filter(x -> x.claim().id().equals("C5")).findFirst().orElseThrow();
        assertThat(c.cellPlan(c5.claim(), "capitals").describe())
                .isEqualTo("stride 3, 2 seeds, capitals:16:3 known-only, switch 6x1");
    }

    @Test
    void looksDefaultToTheCatalogueMaximumAndEnterThePlan() {
        // GIVEN no -Dattendfirst.looks, then 1
        RunConfig byDefault = RunConfig.from(props());
        RunConfig oneLook = RunConfig.from(props("attendfirst.looks", "1"));
        // THEN the default is the catalogue's statistics.maxLooks, and the looks are part of the plan and its cells
        assertThat(byDefault.looks()).isEqualTo(byDefault.catalogue().statistics().maxLooks()).isEqualTo(3);
        assertThat(oneLook.looks()).isEqualTo(1);
        assertThat(byDefault.planText()).contains("looks=3");
        Claim c1 = byDefault.catalogue().claim("C1");
        assertThat(byDefault.cellPlan(c1, "capitals").examples()).endsWith(" in 3 looks");
        assertThat(oneLook.cellPlan(c1, "capitals").examples()).doesNotContain("looks");
    }

    @Test
    void moreLooksThanTheCatalogueAllowsOrANonNumberIsRefusedByName() {
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.looks", "4")))
                .hasMessageContaining("-Dattendfirst.looks=4: more looks than the catalogue's statistics.maxLooks = 3")
                .hasMessageContaining("expected 1..3");
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.looks", "0")))
                .hasMessageContaining("-Dattendfirst.looks=0: expected a whole number >= 1");
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.looks", "three")))
                .hasMessageContaining("-Dattendfirst.looks=three: expected a whole number >= 1");
    }

    @Test
    void capitalsFullIsNeverKnownOnlyAndIsJudgedByC1C2C3() {
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.knownOnly", "capitals,capitals-full")))
                .hasMessageContaining("-Dattendfirst.knownOnly names capitals-full");
        RunConfig c = RunConfig.from(props("attendfirst.tasks", "capitals:8,capitals-full:8", "attendfirst.models",
                "smollm2-135m-instruct"));
        assertThat(c.cases()).filteredOn(x -> x.task().equals("capitals-full")).extracting(x -> x.claim().id())
                .containsExactly("C1", "C2", "C3");
        assertThat(c.cellPlan(c.catalogue().claim("C1"), "capitals-full").knownOnly()).isFalse();
    }

    @Test
    void theProductsSettingIsValidatedAndHashedIntoThePlanOnlyWhenGiven() {
        // GIVEN no setting: each fixture decides, and the plan text is what it was before the setting existed
        RunConfig unset = RunConfig.from(props());
        assertThat(unset.products()).isEmpty();
        assertThat(unset.planText()).doesNotContain("products");
        // WHEN bfloat16 is asked for THEN it is carried and part of the plan text (hence of the run id)
        RunConfig bf16 = RunConfig.from(props("attendfirst.products", "bfloat16"));
        assertThat(bf16.products()).contains(attendfirst.fixture.ProductDtype.BFLOAT16);
        assertThat(bf16.planText()).endsWith("products=bfloat16");
        // AND a typo is named with the accepted values
        assertThatThrownBy(() -> RunConfig.from(props("attendfirst.products", "fp8")))
                .isInstanceOf(RunConfigException.class)
                .hasMessageContainingAll("-Dattendfirst.products", "'fp8'", "float32, bfloat16");
    }

    @Test
    void theTaskSpecsAloneAreReadAsTheRunReadsThem() {
        assertThat(RunConfig.taskSpecs(props("attendfirst.tasks", "capitals:5,arithmetic:6:2"))).containsExactly(
                new attendfirst.task.TaskSpec("capitals", 5, 0, java.util.Optional.empty()),
                new attendfirst.task.TaskSpec("arithmetic", 6, 2, java.util.Optional.empty()));
        assertThat(RunConfig.taskSpecs(props())).extracting(attendfirst.task.TaskSpec::name)
                .containsExactlyElementsOf(attendfirst.task.TaskRegistry.names());
        assertThatThrownBy(() -> RunConfig.taskSpecs(props("attendfirst.tasks", "capitals,rc")))
                .isInstanceOf(RunConfigException.class).hasMessageContaining("unknown task 'rc'");
    }

    @Test
    void theGridStartsAtLayerOneAsTheDocumentationSays() {
        // RunConfig's property list and SweepPlan's docs both say k = 1, 1 + stride, ... plus the last layer
        RunConfig c = RunConfig.from(props("attendfirst.layerStride", "3"));
        assertThat(c.plan().grid(10)).containsExactly(1, 4, 7, 9);
    }
}
