package attendfirst.plan;

import attendfirst.sweep.MemoryBudget;
import attendfirst.sweep.MemoryModel;
import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.fixture.ComputeDtype;
import attendfirst.fixture.HubCache;
import attendfirst.fixture.ModelFixtures;
import attendfirst.model.ModelConfig;
import attendfirst.sweep.SweepPlan;
import attendfirst.task.TaskSpec;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --plan} without weights: the four paper models from their published config.json (fixtures/configs) and
 * the tiny paper checkpoints from an offline hub cache. The time uses a fixed calibration here, so the test does
 * not depend on this machine's speed.
 */
@Epic("Attend First, Consolidate Later")
@Feature("Run plan")
class PlanTest {
    static final List<String> PAPER = List.of("llama2-7b", "mistral-7b-v0.1", "yi-6b", "llemma-7b");
    static final Calibration FIXED = new Calibration(30e12, "fixed for the test");
    static final SweepPlan MAIN = SweepPlan.SMALLEST.withSeeds(2).withLayerStride(2).withSwitch(2, 12).withKnownOnly(Set.of("capitals"));
    static final List<TaskSpec> TASKS = List.of(TaskSpec.parse("capitals:30"), TaskSpec.parse("arithmetic:16"),
            TaskSpec.parse("squad:8"), TaskSpec.parse("cnndm:4"));

    static String plan(List<String> models, long memory, ComputeDtype dtype, int[] refused) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Planner.Settings s = new Planner.Settings(true, memory, Optional.ofNullable(dtype), TASKS, MAIN,
                Optional.of(FIXED));
        refused[0] = Planner.plan(ModelFixtures.load(), models, s, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void paperModelsConfigsGiveThePublishedParameterCounts() {
        // GIVEN the published config.json of each paper model WHEN read without weights
        long[] params = new long[PAPER.size()];
        for (int i = 0; i < params.length; i++) {
            ModelConfig c = Planner.config(ModelFixtures.load().get(PAPER.get(i))).config();
            MemoryModel m = new MemoryModel(c, 2);
            params[i] = m.layerParameters() + m.vocabParameters()
                    + (long) c.dim() * (2L * c.nLayers() + 1); // norms
        }
        // THEN the parameter counts are the model cards': Llama 2 7B 6,738,415,616; Mistral 7B 7,241,732,096;
        // Yi-6B 6.06 B; Llemma 7B = Llama 2 7B + 16 vocabulary rows in and out
        assertThat(params[0]).isEqualTo(6_738_415_616L);
        assertThat(params[1]).isEqualTo(7_241_732_096L);
        assertThat(params[2]).isBetween(6_055_000_000L, 6_065_000_000L);
        assertThat(params[3]).isEqualTo(6_738_415_616L + 2L * 16 * 4096);
    }

    @Test
    void paperModelsFitIn80GiBInFloat16() {
        // GIVEN the paper's four models, float16, an 80 GiB GPU
        int[] refused = new int[1];
        // WHEN planned
        String out = plan(PAPER, 80L << 30, null, refused);
        System.out.println(out);
        // THEN every model fits and the plan says what the run does
        assertThat(refused[0]).as(out).isZero();
        assertThat(out).contains("cells", "forward passes", "tokens", "peak", "float16", "fixtures/configs");
        for (String m : PAPER) {
            assertThat(out).contains(m);
        }
    }

    @Test
    void aModelThatDoesNotFitIsRefusedWithWhatWould() {
        // GIVEN Llama 2 7B in float32 on a 24 GiB GPU (weights alone 25 GiB). Was 40 GiB with the engine that held
        // every row of a kind to the end; row batches sized from memory now fit float32 in 40 GiB
        int[] refused = new int[1];
        // WHEN planned
        String out = plan(List.of("llama2-7b"), 24L << 30, ComputeDtype.FLOAT32, refused);
        System.out.println(out);
        // THEN it is refused, naming float16 as what would fit
        assertThat(refused[0]).isEqualTo(1);
        assertThat(out).contains("REFUSED: llama2-7b in float32").contains("Would fit: dtype float16");
    }

    @Test
    void aFixedBatchBudgetTooLargeForTheDeviceIsRefusedNamingBatchesSizedFromMemory() {
        // GIVEN Llama 2 7B in float16 on a 24 GiB GPU with a fixed budget of 200,000 rows x columns per batch
        SweepPlan fixed = MAIN.withBatchBudget(200_000);
        RunEstimate e = RunEstimate.of("llama2-7b", Planner.config(ModelFixtures.load().get("llama2-7b")).config(),
                "float16", 2, List.of(new TaskShape("cnndm", 32, 229, 233, 60, 0)), fixed, true, 24L << 30, FIXED);
        // THEN the batches of 200000 / 293 rows do not fit, and the refusal names the rows that would
        assertThat(e.rowsPerBatch()).isEqualTo(200_000 / 293);
        assertThat(e.fits()).isFalse();
        assertThat(e.maxRows()).isBetween(1, e.rowsPerBatch() - 1);
        assertThat(e.refusal(null, null)).contains("row batches of at most " + e.maxRows() + " rows")
                .contains("-Dattendfirst.batchBudget");
        // AND the same plan with batches sized from memory fits within 0.9 of the device
        RunEstimate auto = RunEstimate.of("llama2-7b", e.config(), "float16", 2, e.tasks(), MAIN, true, 24L << 30,
                FIXED);
        assertThat(auto.fits()).isTrue();
        assertThat(auto.rowsPerBatch()).isEqualTo(auto.maxRows());
        assertThat(auto.peakBytes()).isLessThanOrEqualTo((long) (MemoryBudget.GPU_FRACTION * (24L << 30)));
    }

    @Test
    void weightsLargerThanTheDeviceLeaveNothingButAnotherDevice() {
        // GIVEN Llama 2 7B in float16 on an 8 GiB GPU
        int[] refused = new int[1];
        String out = plan(List.of("llama2-7b"), 8L << 30, ComputeDtype.FLOAT16, refused);
        // THEN refused: the weights alone do not fit
        assertThat(refused[0]).isEqualTo(1);
        assertThat(out).contains("the weights alone take").contains("a device with more memory is needed");
    }

    @Test
    void tinyPaperCheckpointsArePlannedFromTheHubCacheConfig() {
        // GIVEN the tiny paper checkpoints in an offline hub cache
        HubCache hub = new HubCache(Path.of("src/test/resources/paper/hub").toAbsolutePath(),
                URI.create("http://127.0.0.1:9"), null, true);
        for (String name : PAPER) {
            // WHEN their config is read for a plan
            Planner.Config c = Planner.config(ModelFixtures.load().get(name), hub);
            RunEstimate e = RunEstimate.of(name, c.config(), "float32", 4,
                    List.of(new TaskShape("capitals", 10, 26, 31, 8, 0)), MAIN, true, 1L << 30, FIXED);
            // THEN the hub snapshot's tiny config is used and the counts follow the plan: |k| = 2 of 3 layers
            assertThat(c.source()).contains("hub cache");
            assertThat(c.config().dim()).isEqualTo(32);
            assertThat(e.cells()).as("random+shuffle 2x2 each, freeze 2 (k=1,2), skip 2").isEqualTo(2 * 4 + 2 + 2);
            assertThat(e.rows()).isEqualTo(10L * 12 + 12 * 2 * 2);
            assertThat(e.fits()).isTrue();
            assertThat(e.maxRows()).isGreaterThan(e.rowsPerBatch());
        }
    }

    @Test
    void bfloat16ProductsHalveTheProjectionWeightsSoLlama2InFloat32FitsA24GiBGpu() {
        // GIVEN Llama 2 7B (untied head) with float32 everywhere but bfloat16 products
        ModelConfig c = Planner.config(ModelFixtures.load().get("llama2-7b")).config();
        long table = (long) c.vocabSize() * c.dim();
        MemoryModel f32 = new MemoryModel(c, 4);
        MemoryModel bf16 = new MemoryModel(c, 4, 2);
        // THEN the projections and the output head take 2 bytes a value, the embedding table still 4
        assertThat(f32.weightBytes() - bf16.weightBytes()).isEqualTo(2 * (f32.layerParameters() + table));
        assertThat(new MemoryModel(c, 4, 4).weightBytes()).isEqualTo(f32.weightBytes());
        // AND planned on a 24 GiB GPU it fits where float32 products are refused, saying which products it plans
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Planner.Settings s = new Planner.Settings(true, 24L << 30, Optional.of(ComputeDtype.FLOAT32), TASKS, MAIN,
                Optional.of(FIXED), Optional.of(attendfirst.fixture.ProductDtype.BFLOAT16));
        int refused = Planner.plan(ModelFixtures.load(), List.of("llama2-7b"), s,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(refused).as(text).isZero();
        assertThat(text).contains("in float32, bfloat16 products", "products: bfloat16");
        int[] refusedF32 = new int[1];
        assertThat(plan(List.of("llama2-7b"), 24L << 30, ComputeDtype.FLOAT32, refusedF32)).contains("products: float32");
        assertThat(refusedF32[0]).isEqualTo(1);
    }
}
