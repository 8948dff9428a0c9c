package attendfirst.bench;

import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issue 2: prefill of a 64-token prompt and 32-token greedy generation (prefill included, KV cache) on
 * one model, timed in this JVM. The prompt ids come from a JSON file so that the HF side
 * ({@code tools/bench_hf.py --ids}) runs on exactly the same tokens.
 *
 * <pre>
 * PrefillDecodeBench ids MODEL OUT.json          tokenize the benchmark paragraph, write its first 64 ids
 * PrefillDecodeBench run MODEL IDS.json RUNS     time prefill (RUNS times) and generation (RUNS/2, at least 3)
 * </pre>
 */
public final class PrefillDecodeBench {
    static final int PREFILL_TOKENS = 64;
    static final int GENERATE_TOKENS = 32;
    static final int WARMUP = 2;
    // same paragraph as tools/bench_hf.py: plain English prose, well over 64 tokens in both vocabularies
    static final String PARAGRAPH = "The history of the printing press begins in the fifteenth century, when Johannes "
            + "Gutenberg combined movable metal type, oil-based ink and a wooden screw press. Within fifty years, printers "
            + "in more than two hundred European cities had produced millions of books, and the cost of a copy fell so far "
            + "that ordinary merchants could afford their own libraries, which changed how ideas travelled across Europe.";
    private static final String USAGE = "PrefillDecodeBench ids MODEL OUT.json | run MODEL IDS.json RUNS";

    record Ids(String model, int[] ids) {
    }

    public static void main(String[] args) {
        String mode = BenchSupport.arg(args, 0, USAGE);
        String name = BenchSupport.arg(args, 1, USAGE);
        try (LoadedModel model = BenchSupport.load(name)) {
            switch (mode) {
                case "ids" -> writeIds(model, Path.of(BenchSupport.arg(args, 2, USAGE)));
                case "run" -> run(model, Path.of(BenchSupport.arg(args, 2, USAGE)),
                        Integer.parseInt(BenchSupport.arg(args, 3, USAGE)));
                default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; usage: " + USAGE);
            }
        }
    }

    private static void writeIds(LoadedModel model, Path out) {
        int[] all = model.tokenizer().encode(PARAGRAPH).ids();
        if (all.length < PREFILL_TOKENS) {
            throw new IllegalStateException("benchmark paragraph has " + all.length + " tokens for " + model.name()
                    + ", need " + PREFILL_TOKENS);
        }
        BenchSupport.write(out, new Ids(model.name(), Arrays.copyOf(all, PREFILL_TOKENS)));
    }

    private static void run(LoadedModel model, Path idsFile, int runs) {
        Ids in = BenchSupport.read(idsFile, Ids.class);
        if (in.ids() == null || in.ids().length != PREFILL_TOKENS) {
            throw new IllegalArgumentException(idsFile + ": field 'ids' must hold " + PREFILL_TOKENS + " token ids");
        }
        int[] ids = in.ids();
        Forward forward = new Forward(model.model());
        // prefill: one pass over the prompt, logits of the last position only (as generation needs)
        double[] prefill = time(runs, () -> {
            try (Forward.Trace t = forward.forward(ids, false, ids.length)) {
                t.lastLogitsRow(0);
            }
        });
        int[][] generated = new int[1][];
        int genRuns = Math.max(3, runs / 2);
        double[] generate = time(genRuns, () -> generated[0] = forward.greedy(ids, GENERATE_TOKENS, g -> false));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("side", "java-djl");
        out.put("model", model.name());
        out.put("settings", BenchSupport.settings());
        out.put("prefill", Map.of("median_s", BenchSupport.median(prefill), "runs", runs, "warmup", WARMUP,
                "tokens", PREFILL_TOKENS));
        out.put("generate", Map.of("median_s", BenchSupport.median(generate), "runs", genRuns, "warmup", WARMUP,
                "new_tokens", GENERATE_TOKENS));
        out.put("generated_ids", generated[0]);
        BenchSupport.print(out);
    }

    private static double[] time(int runs, Runnable body) {
        for (int i = 0; i < WARMUP; i++) {
            body.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = BenchSupport.seconds(System.nanoTime() - t0);
        }
        return t;
    }
}
