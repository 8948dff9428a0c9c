package attendfirst.sweep;

import static attendfirst.LogitsAssert.assertThatLogits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.byLessThan;
import static org.assertj.core.api.Assertions.within;

import attendfirst.intervention.Manipulation.Kind;
import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Noise;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.testing.RealModel;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Row batches that span prompts: rows of prompts of different lengths (left-padded onto shared columns), with
 * different manipulations, k and stop points, prefill and decode together and leave the batch as they stop.
 * Each run must equal its naive full recomputation (batch 1, no padding, no cache) within the float32 bound
 * of {@link SweepEquivalenceTest}, and must not depend on which rows shared its batch or in which order.
 */
@Epic("Infrastructure")
@Feature("Sweep engine")
@RealModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedPromptBatchTest {
    /** Three prompts of different lengths (the capitals prompt of two countries and a longer question). */
    static final String[] PROMPTS = {
        ManipulationInvariantsTest.PROMPT,
        "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of Bosnia and Herzegovina? \n A:",
        "The following is a short list of facts about European countries and their capital cities. Q: What is the "
                + "capital of Spain? \n A: Madrid \n Q: What is the capital of Germany? \n A:"};

    private LoadedModel model;
    private NaiveRunner naive;
    private final List<int[]> prompts = new ArrayList<>();
    private final List<Forward.Trace> clean = new ArrayList<>();
    private int nLayers;

    @BeforeAll
    void prepare(LoadedModel loaded) {
        model = loaded;
        naive = new NaiveRunner(loaded.model());
        nLayers = loaded.config().nLayers();
        SweepEngine engine = new SweepEngine(loaded.model());
        for (String p : PROMPTS) {
            int[] ids = loaded.tokenizer().encode(p).ids();
            prompts.add(ids);
            clean.add(engine.prepare(ids));
        }
    }

    @AfterAll
    void close() {
        clean.forEach(Forward.Trace::close);
    }

    /** Stops after {@code n} tokens: rows of one batch stop at different steps. */
    static Generation stopAfter(int n) {
        return new Generation(6, ids -> ids.length >= n);
    }

    /** Every kind at two depths on every prompt, each prompt and kind with its own stop point. */
    private List<SweepEngine.Job> jobs() {
        List<SweepEngine.Job> jobs = new ArrayList<>();
        int[] ks = {Math.max(1, nLayers / 5), (2 * nLayers) / 3};
        for (int p = 0; p < prompts.size(); p++) {
            long example = Noise.exampleKey("mixed-" + p);
            for (Kind kind : List.of(Kind.RANDOM, Kind.SHUFFLE, Kind.FREEZE, Kind.SKIP_ATTENTION)) {
                for (int k : ks) {
                    jobs.add(new SweepEngine.Job(prompts.get(p), clean.get(p), kind.at(k, 1, example),
                            stopAfter(1 + (p + kind.ordinal() + k) % 5)));
                }
            }
            float[] v = new float[model.config().dim()];
            v[3] = 2f;
            jobs.add(new SweepEngine.Job(prompts.get(p), clean.get(p), Manipulation.inject(ks[0], 4 + p, v), stopAfter(3)));
            jobs.add(new SweepEngine.Job(prompts.get(p), clean.get(p), Manipulation.none(), stopAfter(2 + p)));
        }
        return jobs;
    }

    @Test
    void rowsOfDifferentPromptsShareBatchesAndEachEqualsItsFullRecomputation() {
        // GIVEN runs on three prompts of different lengths and a budget that holds all of one kind in one batch
        assertThat(prompts.stream().mapToInt(p -> p.length).distinct().count()).isEqualTo(3);
        List<SweepEngine.Job> jobs = jobs();
        SweepEngine engine = new SweepEngine(model.model(), 100_000);
        List<int[]> batches = engine.plan(jobs);
        assertThat(batches).as("some batch mixes prompts of different lengths")
                .anyMatch(b -> java.util.Arrays.stream(b).map(j -> jobs.get(j).prompt().length).distinct().count() > 1);
        // WHEN
        List<RunResult> fast = engine.run(jobs, 1, true);
        // THEN
        for (int i = 0; i < jobs.size(); i++) {
            SweepEngine.Job job = jobs.get(i);
            RunResult reference = naive.generate(job.prompt(), job.manipulation(), job.generation());
            String what = job.manipulation().kind() + " k=" + job.manipulation().layer() + " on a " + job.prompt().length
                    + "-token prompt";
            assertThatLogits(fast.get(i).firstLogits()).as("%s: fast vs naive logits", what)
                    .isCloseTo(reference.firstLogits(), within(SweepEquivalenceTest.MAX_ABS_LOGIT_DIFF));
            assertThat(fast.get(i).generated()).as("%s: greedy tokens", what).containsExactly(reference.generated());
        }
    }

    @Test
    void resultsDoNotDependOnBatchingOrOrder() {
        // GIVEN the same runs in one large batch per kind, in reverse order, and one row per batch on two workers
        List<SweepEngine.Job> jobs = jobs();
        List<SweepEngine.Job> reversed = new ArrayList<>(jobs);
        java.util.Collections.reverse(reversed);
        // WHEN
        List<RunResult> together = new SweepEngine(model.model(), 100_000).run(jobs, 1, true);
        List<RunResult> backwards = new SweepEngine(model.model(), 100_000).run(reversed, 1, true);
        List<RunResult> alone = new SweepEngine(model.model(), 1).run(jobs, 2, true);
        // THEN the same tokens, and logits equal up to float32 summation order
        for (int i = 0; i < jobs.size(); i++) {
            RunResult a = together.get(i);
            RunResult b = backwards.get(jobs.size() - 1 - i);
            RunResult c = alone.get(i);
            String what = jobs.get(i).manipulation().kind() + " k=" + jobs.get(i).manipulation().layer();
            assertThat(b.generated()).as("%s reversed", what).containsExactly(a.generated());
            assertThat(c.generated()).as("%s alone", what).containsExactly(a.generated());
            assertThatLogits(a.firstLogits()).as("%s alone vs together", what)
                    .isCloseTo(c.firstLogits(), within(SweepEquivalenceTest.MAX_ABS_LOGIT_DIFF));
        }
    }

    @Test
    void noiseDependsOnTheExampleKeyNotOnTheBatch() {
        // GIVEN random(k) on one prompt under two example keys, and the same key derived twice from one id
        int k = nLayers / 2;
        long key = Noise.exampleKey("capitals-7");
        assertThat(Noise.exampleKey(new String("capitals-7".toCharArray()))).isEqualTo(key);
        assertThat(Noise.exampleKey("capitals-8")).isNotEqualTo(key);
        List<SweepEngine.Job> jobs = List.of(
                new SweepEngine.Job(prompts.get(0), clean.get(0), Kind.RANDOM.at(k, 1, key), Generation.nextToken()),
                new SweepEngine.Job(prompts.get(0), clean.get(0), Kind.RANDOM.at(k, 1, Noise.exampleKey("capitals-8")),
                        Generation.nextToken()),
                new SweepEngine.Job(prompts.get(0), clean.get(0), Kind.RANDOM.at(k, 1, key), Generation.nextToken()));
        // WHEN
        List<RunResult> r = new SweepEngine(model.model()).run(jobs, 1, true);
        // THEN another example key draws other noise; the same key in another row of the batch draws the same
        assertThat(r.get(1).firstLogits()).isNotEqualTo(r.get(0).firstLogits());
        assertThatLogits(r.get(2).firstLogits()).isCloseTo(r.get(0).firstLogits(), byLessThan(1e-4));
        double[] h = new double[16];
        java.util.Arrays.fill(h, 1.0);
        assertThat(Noise.randomLike(h, 1, key, k, 3)).containsExactly(Noise.randomLike(h.clone(), 1, key, k, 3));
        assertThat(Noise.randomLike(h, 1, key, k, 3)).isNotEqualTo(Noise.randomLike(h, 1, key + 1, k, 3));
    }
}
