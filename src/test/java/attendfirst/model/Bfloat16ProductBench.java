package attendfirst.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 20: the product rates behind bfloat16 products, measured the way {@code ProductionSweepBench peak} measures
 * the float32 peak (a product through DJL on this JVM's thread setting, 5 warm-ups, median of 30; the result is read
 * back, which waits for it). Not a test: a main compiled with the test sources ({@code scripts/bench_bf16.sh} runs
 * it). For each shape (rows x 576 @ 576 x 1536, SmolLM2's MLP; rows = 1, 16, 256, 2048) and each way:
 * <pre>
 *   float32     x.matMul(w)                                   the reference (w float32)
 *   fused       helper.linear(x, w16): cast + product + cast back in one module call   (what the engine runs)
 *   separate    helper.cast(x), DJL matMul with w16, toType(FLOAT32): three calls
 *   pure        x16.matMul(w16) with x cast beforehand: the bfloat16 product alone (the bfloat16 peak)
 *   transposed  as fused, with w16 a transposed view, as the loader stores the weights
 * </pre>
 * {@code java ... attendfirst.model.Bfloat16ProductBench [rows,...]}; prints JSON.
 */
public final class Bfloat16ProductBench {
    private Bfloat16ProductBench() {
    }

    public static void main(String[] args) {
        int[] rows = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 16, 256, 2048};
        // the helper without the CPU check: this measures what the check is for
        Bfloat16Products helper = Bfloat16Products.load(Bfloat16Products.class.getResourceAsStream(
                Bfloat16Products.RESOURCE), Bfloat16Products.RESOURCE, "Bfloat16ProductBench");
        List<Map<String, Object>> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomNormal(new Shape(576, 1536));
            NDArray w16 = helper.cast(w);
            NDArray wT16 = helper.cast(m.randomNormal(new Shape(1536, 576))).transpose();
            for (int r : rows) {
                NDArray x = m.randomNormal(new Shape(r, 576));
                NDArray x16 = helper.cast(x);
                double flops = 2.0 * r * 576 * 1536;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("shape", r + "x576 @ 576x1536");
                row.put("float32", rate(flops, () -> x.matMul(w)));
                row.put("fused", rate(flops, () -> helper.linear(x, w16)));
                row.put("separate", rate(flops, () -> {
                    NDArray a = helper.cast(x);
                    NDArray p = a.matMul(w16);
                    NDArray f = p.toType(DataType.FLOAT32, false);
                    a.close();
                    p.close();
                    return f;
                }));
                row.put("pure", rate(flops, () -> x16.matMul(w16).toType(DataType.FLOAT32, false)));
                row.put("transposed", rate(flops, () -> helper.linear(x, wT16)));
                out.add(row);
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
        all.put("cpuCheck", Bfloat16Products.cpuProblem(Bfloat16Products.readCpuInfo()).orElse("native bfloat16"));
        all.put("results", out);
        System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(all));
    }

    /** Median and best GFLOP/s and the median microseconds per call of {@code product}, 2 warm-ups, 10 timed (100 below 0.1 GFLOP). */
    private static Map<String, Object> rate(double flops, Supplier<NDArray> product) {
        int n = flops < 1e8 ? 100 : 10;
        double[] t = new double[n];
        for (int i = -2; i < n; i++) {
            long t0 = System.nanoTime();
            NDArray c = product.get();
            c.getFloat(0, 0); // waits for the product (float32 in every way)
            long dt = System.nanoTime() - t0;
            c.close();
            if (i >= 0) {
                t[i] = dt / 1e9;
            }
        }
        double[] s = t.clone();
        Arrays.sort(s);
        double median = s[n / 2];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gflops", Math.round(flops / median / 1e8) / 10.0);
        r.put("bestGflops", Math.round(flops / s[0] / 1e8) / 10.0);
        r.put("medianMicros", Math.round(median * 1e7) / 10.0);
        return r;
    }
}
