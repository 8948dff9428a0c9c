package attendfirst.precision;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.ProductDtype;
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
 * java -cp target/test-classes:target/classes:CP attendfirst.precision.Bfloat16Fidelity MODEL N [OUT]
 * </pre>
 * On a CPU without native bfloat16 the products are emulated by libtorch (same rounding of the inputs, tens of times
 * slower): {@link ModelLoader#emulatingBfloat16()}.
 */
public final class Bfloat16Fidelity {
    static final int NEW_TOKENS = 8;

    private Bfloat16Fidelity() {
    }

    public static void main(String[] args) throws IOException {
        String name = args[0];
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args.length > 2 ? args[2] : "docs/bfloat16/fidelity-" + name + "-engine.json");
        ModelFixture fixture = ModelFixtures.load().get(name);
        List<Example> examples = TaskRegistry.create("capitals:" + n).examples();
        List<Map<String, Object>> rows = new ArrayList<>();
        long t32 = 0;
        long t16 = 0;
        int sameGreedy = 0;
        int sameFirst = 0;
        double worst = 0;
        try (LoadedModel f32 = new ModelLoader().load(fixture, Device.cpu(), DataType.FLOAT32, ProductDtype.FLOAT32);
             LoadedModel bf16 = ModelLoader.emulatingBfloat16().load(fixture, Device.cpu(), DataType.FLOAT32,
                     ProductDtype.BFLOAT16)) {
            for (Example e : examples) {
                int[] ids = f32.tokenizer().encode(e.prompt()).ids();
                long a = System.nanoTime();
                float[] l32 = lastLogits(f32, ids);
                int[] g32 = new Forward(f32.model()).greedy(ids, NEW_TOKENS, t -> false);
                long b = System.nanoTime();
                float[] l16 = lastLogits(bf16, ids);
                int[] g16 = new Forward(bf16.model()).greedy(ids, NEW_TOKENS, t -> false);
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
        all.put("what", "engine, float32 products vs bfloat16 products (emulated by libtorch on this CPU: no"
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

    private static float[] lastLogits(LoadedModel m, int[] ids) {
        try (Forward.Trace t = new Forward(m.model()).forward(ids, false, ids.length)) {
            return t.lastLogitsRow(0);
        }
    }
}
