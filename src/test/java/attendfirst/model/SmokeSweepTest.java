package attendfirst.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.io.gguf.GgufFile;
import attendfirst.sweep.*;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.*;

class SmokeSweepTest {
    @Test
    void equivalence() throws Exception {
        Path file = Path.of(System.getProperty("user.home"), ".cache/attend-first/models/SmolLM2-135M-Instruct.Q4_1.gguf");
        int[] tokens = {65, 42, 1812, 314, 260, 3575, 282, 7476, 47, 3717, 330, 42, 28030, 3717, 1606, 42, 1812, 314, 260, 3575, 282, 4649, 47, 3717, 330, 42};
        try (GgufFile g = GgufFile.open(file)) {
            ModelConfig c = ConfigReader.fromGguf(g);
            NDManager m = NDManager.newBaseManager();
            DecoderModel model = new DecoderModel(c, new WeightLoader(g, c, TensorNames.GGUF, m, DataType.FLOAT32, true, 0f).load(), m, DataType.FLOAT32);
            NaiveRunner naive = new NaiveRunner(model);
            SweepEngine fast = new SweepEngine(model);
            float[] vec = new float[576]; vec[3] = 5f; vec[100] = -3f;
            List<List<Manipulation>> batches = List.of(
                List.of(Manipulation.random(0, 1), Manipulation.random(7, 1), Manipulation.random(15, 2), Manipulation.random(29, 1)),
                List.of(Manipulation.shuffle(3, 2), Manipulation.shuffle(20, 2)),
                List.of(Manipulation.freeze(1), Manipulation.freeze(10), Manipulation.freeze(29), Manipulation.freeze(30)),
                List.of(Manipulation.inject(0, 21, vec), Manipulation.inject(12, 21, vec), Manipulation.inject(25, 21, vec)),
                List.of(Manipulation.skipAttention(0), Manipulation.skipAttention(15), Manipulation.skipAttention(30)));
            Generation gen = Generation.tokens(4);
            try (var clean = fast.prepare(tokens)) {
                for (var batch : batches) {
                    long t = System.nanoTime();
                    List<RunResult> f = fast.run(tokens, clean, batch, gen);
                    long tf = System.nanoTime() - t;
                    t = System.nanoTime();
                    for (int i = 0; i < batch.size(); i++) {
                        RunResult n = naive.generate(tokens, batch.get(i), gen);
                        double maxd = 0;
                        for (int v = 0; v < n.firstLogits().length; v++) maxd = Math.max(maxd, Math.abs(n.firstLogits()[v] - f.get(i).firstLogits()[v]));
                        System.out.println(batch.get(i).kind() + " k=" + batch.get(i).layer() + " maxdiff=" + maxd + " naive=" + Arrays.toString(n.generated()) + " fast=" + Arrays.toString(f.get(i).generated()));
                    }
                    System.out.println("  fast ms " + tf / 1e6 + " naive ms " + (System.nanoTime() - t) / 1e6);
                }
            }
        }
    }
}
