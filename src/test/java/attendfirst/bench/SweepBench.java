package attendfirst.bench;

import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.sweep.Generation;
import attendfirst.sweep.NaiveRunner;
import attendfirst.sweep.RunResult;
import attendfirst.sweep.SweepEngine;
import attendfirst.task.Capitals;
import attendfirst.task.Example;
import attendfirst.task.TaskRegistry;
import attendfirst.task.TextSpan;
import attendfirst.tokenizer.Encoding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 3: the full manipulation sweep over the capitals prompts, fast engine against the naive full
 * recomputation. One sweep of one prompt = every k in 0..L-1 with random (3 seeds), shuffle (3 seeds),
 * freeze (k >= 1), inject (the layer-k input of "Italy" from "The country Italy" at the last token of the
 * asked country) and skip-attention: 9L - 1 runs, each generating the same number of tokens.
 *
 * <pre>
 * SweepBench plan  MODEL OUT.json TOKENS SAMPLE_K...          prompts, positions, the row sample for slow sides
 * SweepBench fast  MODEL PLAN.json PROMPTS WORKERS BATCHROWS [fixed|task] [CHECK.json]
 * SweepBench naive MODEL PLAN.json PROMPTS [CHECK.json]       sample rows only (plan's sampleLayers)
 * </pre>
 * {@code fixed} generates exactly the plan's TOKENS per run (the same work as the naive and HF sides);
 * {@code task} uses the capitals stop rule of the real sweep (EOS, newline, or answer decided).
 * CHECK.json receives the generated ids of the rows both sides ran, so the script can compare them.
 */
public final class SweepBench {
    static final long[] SEEDS = {1, 2, 3};
    static final String SOURCE_COUNTRY = "Italy";
    private static final String USAGE = "SweepBench plan MODEL OUT.json TOKENS K... | fast MODEL PLAN PROMPTS WORKERS "
            + "BATCHROWS [fixed|task] [CHECK.json] | naive MODEL PLAN PROMPTS [CHECK.json]";

    record Prompt(String id, String country, int[] ids, int position) {
    }

    record Plan(String model, int nLayers, int generateTokens, int[] sourceIds, int sourcePosition, int[] sampleLayers,
                int rowsPerPrompt, List<Prompt> prompts) {
    }

    /** One row of the sweep; {@code seed} 0 for the unseeded kinds. */
    record Row(String kind, int k, long seed) {
        String key(int prompt) { return "p" + prompt + "/" + kind + "/k" + k + "/s" + seed; }
    }

    public static void main(String[] args) {
        String mode = BenchSupport.arg(args, 0, USAGE);
        String name = BenchSupport.arg(args, 1, USAGE);
        try (LoadedModel model = BenchSupport.load(name)) {
            switch (mode) {
                case "plan" -> {
                    int[] sample = new int[args.length - 4];
                    for (int i = 4; i < args.length; i++) {
                        sample[i - 4] = Integer.parseInt(args[i]);
                    }
                    BenchSupport.write(Path.of(BenchSupport.arg(args, 2, USAGE)),
                            plan(model, Integer.parseInt(BenchSupport.arg(args, 3, USAGE)), sample));
                }
                case "fast" -> fast(model, BenchSupport.read(Path.of(BenchSupport.arg(args, 2, USAGE)), Plan.class),
                        Integer.parseInt(BenchSupport.arg(args, 3, USAGE)), Integer.parseInt(BenchSupport.arg(args, 4, USAGE)),
                        Integer.parseInt(BenchSupport.arg(args, 5, USAGE)), args.length > 6 ? args[6] : "fixed",
                        args.length > 7 ? Path.of(args[7]) : null);
                case "naive" -> naive(model, BenchSupport.read(Path.of(BenchSupport.arg(args, 2, USAGE)), Plan.class),
                        Integer.parseInt(BenchSupport.arg(args, 3, USAGE)), args.length > 4 ? Path.of(args[4]) : null);
                default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; usage: " + USAGE);
            }
        }
    }

    private static Plan plan(LoadedModel model, int tokens, int[] sample) {
        Capitals capitals = (Capitals) TaskRegistry.create("capitals:50");
        List<Prompt> prompts = new ArrayList<>();
        for (Example e : capitals.examples()) {
            Encoding enc = model.tokenizer().encode(e.prompt());
            prompts.add(new Prompt(e.id(), e.field("country"), enc.ids(), lastTokenOf(enc, capitals.askedCountrySpan(e))));
        }
        TextSpan source = Capitals.countrySource(SOURCE_COUNTRY);
        Encoding src = model.tokenizer().encode(source.text());
        int nLayers = model.config().nLayers();
        return new Plan(model.name(), nLayers, tokens, src.ids(), lastTokenOf(src, source), sample,
                rows(nLayers, null).size(), prompts);
    }

    /** The same choice as SwitchExperiment: the last token whose span overlaps the country name. */
    static int lastTokenOf(Encoding enc, TextSpan span) {
        int found = -1;
        for (int i = 0; i < enc.ids().length; i++) {
            if (enc.end()[i] > span.start() && enc.start()[i] < span.end() && enc.end()[i] > enc.start()[i]) {
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no token covers '" + span.covered() + "' in \"" + span.text() + "\"");
        }
        return found;
    }

    /** Every row of one prompt's sweep, grouped by kind, k ascending; only layers in {@code only} when given. */
    static Map<String, List<Row>> rowsByKind(int nLayers, int[] only) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (String kind : List.of("random", "shuffle", "freeze", "inject", "skip-attention")) {
            List<Row> rows = new ArrayList<>();
            for (int k = kind.equals("freeze") ? 1 : 0; k < nLayers; k++) {
                int kFinal = k;
                if (only != null && java.util.Arrays.stream(only).noneMatch(x -> x == kFinal)) {
                    continue;
                }
                if (Manipulation.Kind.named(kind).seeded()) {
                    for (long s : SEEDS) {
                        rows.add(new Row(kind, k, s));
                    }
                } else {
                    rows.add(new Row(kind, k, 0));
                }
            }
            out.put(kind, rows);
        }
        return out;
    }

    static List<Row> rows(int nLayers, int[] only) {
        return rowsByKind(nLayers, only).values().stream().flatMap(List::stream).toList();
    }

    /** The inject vectors: l -> layer-l input of the source country's last token. */
    static float[][] sourceVectors(LoadedModel model, Plan plan) {
        try (Forward.Trace src = new Forward(model.model()).forward(plan.sourceIds(), true, plan.sourceIds().length)) {
            float[][] v = new float[plan.nLayers()][];
            for (int k = 0; k < plan.nLayers(); k++) {
                v[k] = src.layerInputs()[k].get(":, {}, :", plan.sourcePosition()).toType(DataType.FLOAT32, false)
                        .toFloatArray();
            }
            return v;
        }
    }

    static Manipulation manipulation(Row r, Prompt p, float[][] v) {
        Manipulation.Kind kind = Manipulation.Kind.named(r.kind());
        return kind == Manipulation.Kind.INJECT ? Manipulation.inject(r.k(), p.position(), v[r.k()])
                : kind.at(r.k(), r.seed(), 0);
    }

    private static void fast(LoadedModel model, Plan plan, int nPrompts, int workers, int batchRows, String stopRule,
                             Path check) {
        Capitals capitals = (Capitals) TaskRegistry.create("capitals:50");
        SweepEngine engine = new SweepEngine(model.model());
        float[][] v = sourceVectors(model, plan);
        Map<String, List<Row>> byKind = rowsByKind(plan.nLayers(), null);
        List<Row> sample = rows(plan.nLayers(), plan.sampleLayers());
        Map<String, int[]> generated = new TreeMap<>();
        int[] tokensGenerated = new int[nPrompts];
        long t0 = System.nanoTime();
        forEach(nPrompts, workers, e -> {
            Prompt p = plan.prompts().get(e);
            Generation gen = stopRule.equals("task") ? taskGeneration(model, capitals, capitals.examples().get(e))
                    : Generation.tokens(plan.generateTokens());
            try (Forward.Trace clean = engine.prepare(p.ids())) {
                for (List<Row> rows : byKind.values()) {
                    List<Manipulation> ms = rows.stream().map(r -> manipulation(r, p, v)).toList();
                    List<SweepEngine.Job> jobs = ms.stream().map(m -> new SweepEngine.Job(p.ids(), clean, m, gen)).toList();
                    List<RunResult> results = engine.run(jobs, 1, false);
                    for (int i = 0; i < rows.size(); i++) {
                        tokensGenerated[e] += results.get(i).generated().length;
                        if (check != null && sample.contains(rows.get(i))) {
                            synchronized (generated) {
                                generated.put(rows.get(i).key(e), results.get(i).generated());
                            }
                        }
                    }
                }
            }
            // progress on stderr (stdout carries the result JSON): long runs show how far they got
            System.err.printf("prompt %d done at %.0f s%n", e + 1, BenchSupport.seconds(System.nanoTime() - t0));
        });
        double total = BenchSupport.seconds(System.nanoTime() - t0);
        int runs = nPrompts * plan.rowsPerPrompt();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("side", "java-fast");
        out.put("model", model.name());
        out.put("settings", BenchSupport.settings());
        out.put("workers", workers);
        out.put("batchRows", batchRows);
        out.put("generation", stopRule.equals("task") ? "capitals stop rule, at most " + capitals.maxNewTokens()
                : "exactly " + plan.generateTokens() + " tokens");
        out.put("prompts", nPrompts);
        out.put("runs", runs);
        out.put("tokensGenerated", java.util.Arrays.stream(tokensGenerated).sum());
        out.put("total_s", total);
        out.put("seconds_per_prompt", total / nPrompts);
        out.put("seconds_per_run", total / runs);
        if (check != null) {
            BenchSupport.write(check, generated);
        }
        BenchSupport.print(out);
    }

    private static void naive(LoadedModel model, Plan plan, int nPrompts, Path check) {
        NaiveRunner naive = new NaiveRunner(model.model());
        float[][] v = sourceVectors(model, plan);
        List<Row> sample = rows(plan.nLayers(), plan.sampleLayers());
        Generation gen = Generation.tokens(plan.generateTokens());
        Map<String, int[]> generated = new TreeMap<>();
        long t0 = System.nanoTime();
        for (int e = 0; e < nPrompts; e++) {
            Prompt p = plan.prompts().get(e);
            for (Row r : sample) {
                generated.put(r.key(e), naive.generate(p.ids(), manipulation(r, p, v), gen).generated());
            }
        }
        double total = BenchSupport.seconds(System.nanoTime() - t0);
        int runs = nPrompts * sample.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("side", "java-naive");
        out.put("model", model.name());
        out.put("settings", BenchSupport.settings());
        out.put("generation", "exactly " + plan.generateTokens() + " tokens");
        out.put("prompts", nPrompts);
        out.put("sampledRuns", runs);
        out.put("total_s", total);
        out.put("seconds_per_run", total / runs);
        out.put("extrapolated_seconds_per_prompt", total / runs * plan.rowsPerPrompt());
        if (check != null) {
            BenchSupport.write(check, generated);
        }
        BenchSupport.print(out);
    }

    /** The real sweep's rule (TaskSweep.generation): EOS, a stop string, or the answer already decided. */
    private static Generation taskGeneration(LoadedModel model, Capitals task, Example example) {
        int eos = model.tokenizer().eosId();
        return new Generation(task.maxNewTokens(), ids -> {
            if (ids[ids.length - 1] == eos) {
                return true;
            }
            String text = model.tokenizer().decode(ids);
            return task.stopStrings().stream().anyMatch(text::contains) || task.decided(example, text);
        });
    }

    private static void forEach(int n, int workers, java.util.function.IntConsumer body) {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> body.accept(index)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("sweep benchmark failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
