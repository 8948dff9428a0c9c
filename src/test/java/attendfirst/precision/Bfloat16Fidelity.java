package attendfirst.precision;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.ProductDtype;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import attendfirst.task.Example;
import attendfirst.task.TaskRegistry;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 20's fidelity check: the engine with bfloat16 products against itself with float32 products on the capitals
 * pool (the paper's one-shot prompt, the task's first N examples): greedy ids (8 new tokens, no stop rule, KV cache)
 * and the largest |logit difference| at the prompt's last position. Writes {@code OUT} (default
 * docs/bfloat16/fidelity-MODEL-engine.json) with the prompt ids, which {@code tools/bfloat16_fidelity_hf.py} reads to
 * run transformers in float32 and bfloat16 on the very same ids (the third column).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:CP attendfirst.precision.Bfloat16Fidelity MODEL N [OUT [kernels]]
 * </pre>
 * This CPU has no native bfloat16, so the bfloat16 products are computed in float32 arithmetic on bfloat16-rounded
 * values ({@link ModelLoader#bfloat16RoundedInFloat32()}: a bfloat16 product up to summation order, at float32
 * speed); a fourth argument {@code kernels} runs libtorch's own bfloat16 kernels instead (emulated here, tens of
 * times slower: the cross-check on a few prompts).
 */
public final class Bfloat16Fidelity {
    static final int NEW_TOKENS = 8;

    private Bfloat16Fidelity() {
    }

    public static void main(String[] args) throws IOException {
        String name = args[0];
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args.length > 2 ? args[2] : "docs/bfloat16/fidelity-" + name + "-engine.json");
        boolean kernels = args.length > 3 && args[3].equals("kernels");
        ModelLoader bf16Loader = kernels ? ModelLoader.emulatingBfloat16() : ModelLoader.bfloat16RoundedInFloat32();
        ModelFixture fixture = ModelFixtures.load().get(name);
        List<Example> examples = TaskRegistry.create("capitals:" + n).examples();
        List<Map<String, Object>> rows = new ArrayList<>();
        long t32 = 0;
        long t16 = 0;
        int sameGreedy = 0;
        int sameFirst = 0;
        double worst = 0;
        try (LoadedModel f32 = new ModelLoader().load(fixture, Device.cpu(), DataType.FLOAT32, ProductDtype.FLOAT32);
             LoadedModel bf16 = bf16Loader.load(fixture, Device.cpu(), DataType.FLOAT32,
                     ProductDtype.BFLOAT16)) {
            for (Example e : examples) {
                int[] ids = f32.tokenizer().encode(e.prompt()).ids();
                long a = System.nanoTime();
                float[][] first = new float[1][];
                int[] g32 = greedy(f32, ids, r -> first[0] = r);
                float[] l32 = first[0];
                long b = System.nanoTime();
                int[] g16 = greedy(bf16, ids, r -> first[0] = r);
                float[] l16 = first[0];
                long c = System.nanoTime();
                t32 += b - a;
                t16 += c - b;
                double diff = 0;
                double maxAbs = 0;
                for (int i = 0; i < l32.length; i++) {
                    diff = Math.max(diff, Math.abs(l32[i] - l16[i]));
                    maxAbs = Math.max(maxAbs, Math.abs(l32[i]));
                }
                worst = Math.max(worst, diff);
                boolean same = java.util.Arrays.equals(g32, g16);
                sameGreedy += same ? 1 : 0;
                sameFirst += g32[0] == g16[0] ? 1 : 0;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", e.id());
                row.put("country", e.field("country"));
                row.put("promptIds", ids);
                row.put("greedyFloat32", g32);
                row.put("greedyBfloat16", g16);
                row.put("textFloat32", f32.tokenizer().decode(g32));
                row.put("textBfloat16", bf16.tokenizer().decode(g16));
                row.put("sameGreedy", same);
                row.put("maxAbsLogitDiff", diff);
                row.put("maxAbsLogit", maxAbs);
                rows.add(row);
                System.out.printf("%s %-20s same=%s maxdiff=%.4f %s | %s%n", name, e.field("country"), same, diff,
                        row.get("textFloat32").toString().replace("\n", "\\n"),
                        row.get("textBfloat16").toString().replace("\n", "\\n"));
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("model", name);
        all.put("what", "engine, float32 products vs bfloat16 products ("
                + (kernels ? "libtorch's bfloat16 kernels, emulated on this CPU" : "bfloat16-rounded inputs, weights and"
                + " outputs, float32 arithmetic: a bfloat16 product up to summation order") + "; this CPU has no"
                + " avx512_bf16), capitals:" + n + " prompts, " + NEW_TOKENS + " greedy tokens, no stop rule");
        all.put("examples", n);
        all.put("sameGreedyShare", sameGreedy / (double) n);
        all.put("sameFirstTokenShare", sameFirst / (double) n);
        all.put("maxAbsLogitDiff", worst);
        all.put("secondsFloat32", t32 / 1e9);
        all.put("secondsBfloat16", t16 / 1e9);
        all.put("rows", rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(all) + "\n");
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: same greedy %d/%d, same first token %d/%d, max |logit diff| %.4f; time bf16/f32 %.1f%n",
                name, sameGreedy, n, sameFirst, n, worst, t16 / (double) t32);
    }

    /** Greedy ids with the KV cache (as Forward.greedy), handing the prompt's last-position logits to {@code first}. */
    private static int[] greedy(LoadedModel m, int[] ids, java.util.function.Consumer<float[]> first) {
        DecoderModel model = m.model();
        int[] out = new int[NEW_TOKENS];
        try (Forward.Trace trace = new Forward(model).forward(ids, false, ids.length + NEW_TOKENS)) {
            float[] logits = trace.lastLogitsRow(0);
            first.accept(logits);
            int next = Forward.argmax(logits);
            for (int n = 0; n < NEW_TOKENS; n++) {
                out[n] = next;
                if (n == NEW_TOKENS - 1) {
                    break;
                }
                try (NDManager step = trace.manager().newSubManager();
                     DecoderModel.Columns s = model.columns(1, ids.length + n, 1)) {
                    NDArray h = model.embed(step.create(new int[] {next}, new Shape(1, 1)));
                    for (int l = 0; l < model.config().nLayers(); l++) {
                        h = model.layer(l, h, trace.cache(), s);
                    }
                    next = Forward.argmax(model.logits(h).toFloatArray());
                }
            }
        }
        return out;
    }
}
