package attendfirst.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import attendfirst.intervention.Manipulation;
import attendfirst.sweep.Generation;
import attendfirst.sweep.SweepEngine;
import attendfirst.testing.RealModel;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat: a forward pass, a greedy generation or a sweep leaves no NDArray behind on the
 * model's manager. A leak would not fail any numeric test but would exhaust native memory in a full sweep
 * (tens of thousands of passes), so it is counted here directly.
 *
 * <p>The count is {@link NDManager#getManagedArrays()} of the model's manager, which DJL collects recursively
 * over sub-managers that are still open ({@link #countingSeesArraysInOpenSubManagersOnly} pins that down, so
 * the counter cannot silently go blind to the sub-managers Forward and SweepEngine create).
 */
@Epic("Infrastructure")
@Feature("Native memory")
@RealModel
class NativeMemoryTest {
    // short on purpose: the count, not the arithmetic, is under test (100 passes: mvn test's 15 minutes)
    static final String PROMPT = "The capital of France is";
    static final int PASSES = 100;

    /** Live arrays owned by the model's manager and every open sub-manager below it. */
    static int liveArrays(LoadedModel model) {
        return model.model().manager().getManagedArrays().size();
    }

    @Test
    void countingSeesArraysInOpenSubManagersOnly(LoadedModel model) {
        // GIVEN the count of the loaded model
        int before = liveArrays(model);
        // WHEN a sub-manager holds three arrays
        NDManager sub = model.model().manager().newSubManager();
        sub.zeros(new ai.djl.ndarray.types.Shape(2));
        sub.ones(new ai.djl.ndarray.types.Shape(2));
        sub.create(new float[] {1f});
        int during = liveArrays(model);
        sub.close();
        // THEN the counter sees them while the sub-manager is open and not after it closed
        assertThat(during).isEqualTo(before + 3);
        assertThat(liveArrays(model)).isEqualTo(before);
    }

    @Test
    void forwardGreedyAndSweepLeaveNoArrayBehindOver100Passes(LoadedModel model) {
        // GIVEN the default model after one warm-up of each path (lazy tables, caches of the engine)
        int[] tokens = model.tokenizer().encode(PROMPT).ids();
        Forward forward = new Forward(model.model());
        SweepEngine engine = new SweepEngine(model.model());
        runEveryPath(model, forward, engine, tokens, 1);
        int before = liveArrays(model);

        // WHEN 100 forward passes run, plus greedy generations and manipulated sweeps (at passes 0 and 50)
        runEveryPath(model, forward, engine, tokens, PASSES);

        // THEN the model's manager holds exactly as many arrays as before
        assertThat(liveArrays(model))
                .as("live NDArrays on the model manager after %d forward passes, greedy runs and sweeps", PASSES)
                .isEqualTo(before);
    }

    @Test
    void aLongMultiPromptSweepKeepsTheLiveArrayCountFlat(LoadedModel model) {
        // GIVEN three prompts of different lengths, every manipulation kind at three depths, stop points that
        // differ per row (rows leave their batch at different steps), after one warm-up round
        String[] prompts = {PROMPT, "The capital of Japan, a large island country in East Asia, is",
            "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of Italy? \n A:"};
        SweepEngine engine = new SweepEngine(model.model(), 512);  // small budget: many batches per round
        List<Forward.Trace> clean = new ArrayList<>();
        List<SweepEngine.Job> jobs = new ArrayList<>();
        int nLayers = model.config().nLayers();
        for (String p : prompts) {
            int[] ids = model.tokenizer().encode(p).ids();
            Forward.Trace trace = engine.prepare(ids);
            clean.add(trace);
            for (Manipulation.Kind kind : List.of(Manipulation.Kind.RANDOM, Manipulation.Kind.SHUFFLE,
                    Manipulation.Kind.FREEZE, Manipulation.Kind.SKIP_ATTENTION)) {
                for (int k : new int[] {1, nLayers / 2, nLayers - 1}) {
                    int stopAt = 1 + (jobs.size() % 4);
                    jobs.add(new SweepEngine.Job(ids, trace, kind.at(k, 1, jobs.size()),
                            new Generation(4, ids2 -> ids2.length >= stopAt)));
                }
            }
        }
        try {
            engine.run(jobs, 2, false);
            int before = liveArrays(model);
            // WHEN the sweep runs twice more on two workers
            int[] after = new int[2];
            for (int round = 0; round < after.length; round++) {
                engine.run(jobs, 2, false);
                after[round] = liveArrays(model);
            }
            // THEN the count is the same after every round: nothing of a batch, a step or a Step outlives it
            assertThat(after).as("live NDArrays after each of %d rounds of %d runs", after.length, jobs.size())
                    .containsOnly(before);
        } finally {
            clean.forEach(Forward.Trace::close);
        }
    }

    @Test
    void aLeakOfOneArrayPerPassIsCaughtByTheSameCount(LoadedModel model) {
        // GIVEN the same measurement as above
        int[] tokens = model.tokenizer().encode(PROMPT).ids();
        Forward forward = new Forward(model.model());
        forward.forward(tokens, false, tokens.length).close();
        int before = liveArrays(model);
        List<NDArray> leaked = new ArrayList<>();
        try {
            // WHEN each pass deliberately keeps one array alive on the model's manager
            for (int i = 0; i < 20; i++) {
                try (Forward.Trace trace = forward.forward(tokens, false, tokens.length)) {
                    NDArray kept = trace.lastLogits().duplicate();
                    kept.attach(model.model().manager());
                    leaked.add(kept);
                }
            }
            // THEN the count grows by exactly one per pass
            assertThat(liveArrays(model)).isEqualTo(before + 20);
        } finally {
            leaked.forEach(NDArray::close); // the model is shared with other tests
        }
        assertThat(liveArrays(model)).isEqualTo(before);
    }

    /** {@code passes} clean forward passes; every 50th pass also a greedy generation and a sweep of each kind. */
    private static void runEveryPath(LoadedModel model, Forward forward, SweepEngine engine, int[] tokens, int passes) {
        float[] injected = new float[model.config().dim()];
        injected[0] = 1f;
        for (int i = 0; i < passes; i++) {
            forward.forward(tokens, i % 2 == 0, tokens.length).close();
            if (i % 50 == 0) {
                forward.greedy(tokens, 3, ids -> false);
                try (Forward.Trace clean = engine.prepare(tokens)) {
                    engine.run(tokens, clean, List.of(Manipulation.random(20, 1), Manipulation.random(3, 2)),
                            Generation.tokens(2));
                    engine.run(tokens, clean, List.of(Manipulation.freeze(10), Manipulation.freeze(25)),
                            Generation.tokens(2));
                    engine.run(tokens, clean, List.of(Manipulation.skipAttention(15)), Generation.tokens(2));
                    engine.run(tokens, clean, List.of(Manipulation.inject(12, tokens.length - 3, injected)),
                            Generation.tokens(2));
                }
            }
        }
    }
}
