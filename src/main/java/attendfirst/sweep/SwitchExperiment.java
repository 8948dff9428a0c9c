package attendfirst.sweep;

import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.task.Capitals;
import attendfirst.task.Example;
import attendfirst.task.SwitchCase;
import attendfirst.task.TextSpan;
import attendfirst.tokenizer.Encoding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The paper's switch (information injection): in the capitals prompt about country X, the layer-k
 * input at X's position is replaced by the layer-k input of country Y taken from the prompt
 * {@code "The country Y"}. Each pair's answer is classified as X's capital (the switch was ignored),
 * Y's capital (the model conformed) or something else.
 *
 * <p>Which token is switched: a country name may span several tokens; the switch acts on its LAST
 * token, in both prompts. In a causal model the last token of a name is the first position whose
 * state can hold the whole name, and it is the one the following tokens read most.
 *
 * <p>Pairs are built from examples the unmanipulated model answers correctly, and Y is drawn among
 * the countries of those examples (the model knows Y's capital too), so both outcomes are possible.
 */
public final class SwitchExperiment {
    private final LoadedModel model;
    private final SweepPlan plan;
    private final TaskSweep scorer;   // scores the generations; its engine runs the switched prompts too
    private final SweepEngine engine;

    public SwitchExperiment(LoadedModel model, SweepPlan plan) {
        this.model = model;
        this.plan = plan;
        this.scorer = new TaskSweep(model, plan);
        this.engine = scorer.engine();
    }

    public SwitchResult run(Capitals capitals, long seed, Progress progress) {
        int nLayers = model.config().nLayers();
        List<Example> known = new ArrayList<>();
        double[] baseline = scorer.baselineScores(capitals, capitals.examples());
        for (int e = 0; e < baseline.length; e++) {
            if (baseline[e] == 1.0) {
                known.add(capitals.examples().get(e));
            }
        }
        if (known.size() < 2) {
            throw new IllegalStateException(model.name() + " answers only " + known.size() + " of "
                    + capitals.examples().size() + " capitals prompts correctly: too few for switch pairs");
        }
        List<SwitchCase> cases = pairs(capitals, known, seed);
        int[] layers = plan.grid(nLayers);
        int[][] outcome = new int[layers.length][cases.size()];
        List<String> names = new ArrayList<>();
        List<Forward.Trace> clean = new ArrayList<>();
        try {
            // every (pair, k) run in one engine call: rows of different pairs share row batches
            List<SweepEngine.Job> jobs = new ArrayList<>();
            for (SwitchCase sc : cases) {
                names.add(sc.example().field("country") + "->" + sc.injectedCountry());
                Encoding target = model.tokenizer().encode(sc.target().text());
                int p = lastTokenOf(target, sc.target());
                Encoding source = model.tokenizer().encode(sc.source().text());
                int q = lastTokenOf(source, sc.source());
                Forward.Trace trace = engine.prepare(target.ids());
                clean.add(trace);
                // the switch outcome needs the whole answer: original, injected or other, so no early decision
                Generation gen = new Generation(capitals.maxNewTokens(),
                        TaskSweep.generation(capitals, sc.example(), model.tokenizer()).stop());
                try (Forward.Trace src = new Forward(model.model()).forward(source.ids(), true, source.ids().length)) {
                    for (int k : layers) {
                        float[] v = src.layerInputs()[k].get(":, {}, :", q).toType(DataType.FLOAT32, false).toFloatArray();
                        jobs.add(new SweepEngine.Job(target.ids(), trace, Manipulation.inject(k, p, v), gen));
                    }
                }
            }
            List<RunResult> results = engine.run(jobs, plan.workers(), false);
            for (int c = 0; c < cases.size(); c++) {
                for (int i = 0; i < layers.length; i++) {
                    SwitchCase.Outcome o = capitals.classify(cases.get(c),
                            scorer.text(results.get(c * layers.length + i).generated()));
                    outcome[i][c] = switch (o) {
                        case ORIGINAL -> SwitchResult.IGNORED;
                        case INJECTED -> SwitchResult.CONFORMED;
                        case OTHER -> SwitchResult.OTHER;
                    };
                }
                progress.finished(names.get(c));
            }
        } finally {
            clean.forEach(Forward.Trace::close);
        }
        return new SwitchResult(model.name(), nLayers, layers, names, outcome);
    }

    /** Pairs (X, Y): X from the known examples, Y another known example's country. */
    List<SwitchCase> pairs(Capitals capitals, List<Example> known, long seed) {
        Random random = new Random(seed);
        List<Example> chosen = new ArrayList<>(known);
        Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, Math.min(plan.switchExamples(), chosen.size()));
        List<SwitchCase> cases = new ArrayList<>();
        for (Example x : chosen) {
            List<Example> others = new ArrayList<>(known);
            Collections.shuffle(others, random);
            int added = 0;
            for (Example y : others) {
                if (added == plan.switchPairs()) {
                    break;
                }
                String country = y.field("country");
                if (country.equals(x.field("country")) || country.equals(x.field("shotCountry"))
                        || y.answers().stream().anyMatch(x.answers()::contains)) {
                    continue;
                }
                cases.add(capitals.switchCase(x, country));
                added++;
            }
        }
        return cases;
    }

    /** Units of work {@link #run} reports: one per pair. */
    public int units() { return plan.switchExamples() * plan.switchPairs(); }

    /** The last token whose character span overlaps {@code span}. */
    static int lastTokenOf(Encoding enc, TextSpan span) {
        int found = -1;
        for (int i = 0; i < enc.ids().length; i++) {
            if (enc.end()[i] > span.start() && enc.start()[i] < span.end() && enc.end()[i] > enc.start()[i]) {
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no token covers '" + span.covered() + "' at chars " + span.start() + ".."
                    + span.end() + " of \"" + span.text() + "\"");
        }
        return found;
    }
}
