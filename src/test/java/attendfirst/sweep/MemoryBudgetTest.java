package attendfirst.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.plan.MemoryEstimateTest;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Row batches sized from a memory budget: the rule, its refusal, and that it never changes results. */
@Epic("Attend First, Consolidate Later")
@Feature("Run plan")
class MemoryBudgetTest {

    static SweepPlan withMemory(long bytes) {
        return SweepPlan.SMALLEST.withMemoryBudget(bytes);
    }

    @Test
    void theBatchBudgetIsTheRowsThatFitTheMemoryBudgetTimesTheColumns() {
        try (LoadedModel m = MemoryEstimateTest.tiny("llama2-7b")) {
            MemoryModel memory = new MemoryModel(m.config(), 4);
            // GIVEN room for about 5 rows of 40 + 8 columns besides 2 clean traces
            long bytes = memory.workingBytes(5, 40, 8, 2, 1) + 1;
            // WHEN the engine's budget is sized from it
            int budget = MemoryBudget.of(m, withMemory(bytes)).rowsTimesColumns(40, 8, 2);
            // THEN it is those 5 rows x 48 columns (5 fit, 6 do not)
            assertThat(memory.maxRowsWithin(bytes, 40, 8, 2, 1)).isEqualTo(5);
            assertThat(budget).isEqualTo(5 * 48);
            // AND on the CPU a large memory budget is capped at the fastest batch there: the default for short
            // generations, widened for long ones (decoding steps grow only with the rows), at most 4x
            assertThat(MemoryBudget.of(m, withMemory(1L << 40)).rowsTimesColumns(40, 8, 2))
                    .isEqualTo(SweepEngine.DEFAULT_BUDGET);
            assertThat(MemoryBudget.of(m, withMemory(1L << 40)).rowsTimesColumns(240, 20, 2))
                    .isEqualTo(2 * SweepEngine.DEFAULT_BUDGET);
            assertThat(MemoryBudget.of(m, withMemory(1L << 40)).rowsTimesColumns(240, 60, 2))
                    .isEqualTo(4 * SweepEngine.DEFAULT_BUDGET);
            assertThat(MemoryBudget.of(m, withMemory(1L << 40)).rowsTimesColumns(240, 500, 2))
                    .isEqualTo(4 * SweepEngine.DEFAULT_BUDGET);
        }
    }

    @Test
    void aMemoryBudgetBelowOneRowIsRefusedNamingTheSetting() {
        try (LoadedModel m = MemoryEstimateTest.tiny("yi-6b")) {
            SweepEngine.Budget b = MemoryBudget.of(m, withMemory(1024));
            assertThatThrownBy(() -> b.rowsTimesColumns(40, 8, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("yi-6b").hasMessageContaining("-Dattendfirst.memoryBudget");
        }
    }

    @Test
    void batchesSizedFromMemoryGiveTheResultsOfOneBatch() {
        try (LoadedModel m = MemoryEstimateTest.tiny("mistral-7b-v0.1")) {
            // GIVEN random and freeze rows at every k on one prompt, generating 6 tokens
            int[] ids = m.tokenizer().encode("Q: What is the capital of Spain? \n A:").ids();
            List<Manipulation> rows = new ArrayList<>();
            for (int k = 0; k < m.config().nLayers(); k++) {
                rows.add(Manipulation.random(k, 7));
                rows.add(Manipulation.freeze(Math.max(k, 1)));
            }
            Generation gen = new Generation(6, t -> false);
            MemoryModel memory = new MemoryModel(m.config(), 4);
            // a memory budget that holds 2 rows per batch, and a budget that holds them all at once
            SweepEngine small = new SweepEngine(m.model(),
                    MemoryBudget.of(m, withMemory(memory.workingBytes(2, ids.length, 6, 1, 1) + 1)));
            SweepEngine one = new SweepEngine(m.model(), 1 << 20);
            // WHEN both run
            List<RunResult> a;
            List<RunResult> b;
            try (Forward.Trace clean = one.prepare(ids)) {
                a = small.run(ids, clean, rows, gen);
                b = one.run(ids, clean, rows, gen);
            }
            // THEN every row generates the same tokens with the same first logits
            for (int r = 0; r < rows.size(); r++) {
                assertThat(a.get(r).generated()).as("row %d", r).containsExactly(b.get(r).generated());
                assertThat(a.get(r).firstLogits()).as("row %d", r).containsExactly(b.get(r).firstLogits(),
                        org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
