package attendfirst.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.io.gguf.GgufFile;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class SmokeForwardTest {
    @Test
    void smollm() throws Exception {
        Path file = Path.of(System.getProperty("user.home"), ".cache/attend-first/models/SmolLM2-135M-Instruct.Q4_1.gguf");
        JsonObject golden = JsonParser.parseString(Files.readString(Path.of("src/test/resources/golden/smollm2-135m-instruct.json"))).getAsJsonObject();
        long t0 = System.nanoTime();
        try (GgufFile g = GgufFile.open(file)) {
            ModelConfig c = ConfigReader.fromGguf(g);
            NDManager m = NDManager.newBaseManager();
            ModelWeights w = new WeightLoader(g, c, TensorNames.GGUF, m, DataType.FLOAT32, true, 0f).load();
            DecoderModel model = new DecoderModel(c, w, m, DataType.FLOAT32);
            System.out.println("load ms " + (System.nanoTime() - t0) / 1e6 + " " + c);
            Forward f = new Forward(model);
            for (var pe : golden.getAsJsonArray("prompts")) {
                JsonObject p = pe.getAsJsonObject();
                JsonArray ids = p.getAsJsonArray("token_ids");
                int[] tokens = new int[ids.size()];
                for (int i = 0; i < tokens.length; i++) tokens[i] = ids.get(i).getAsInt();
                long t = System.nanoTime();
                try (Forward.Trace tr = f.forward(tokens, true, tokens.length)) {
                    float[] logits = tr.lastLogitsRow(0);
                    double maxRel = 0;
                    for (var e : p.getAsJsonArray("last_top20")) {
                        int id = e.getAsJsonArray().get(0).getAsInt();
                        double ref = e.getAsJsonArray().get(1).getAsDouble();
                        maxRel = Math.max(maxRel, Math.abs(logits[id] - ref) / Math.abs(ref));
                    }
                    System.out.println(p.get("name").getAsString() + " T=" + tokens.length + " maxRel=" + maxRel + " ms=" + (System.nanoTime() - t) / 1e6);
                }
                t = System.nanoTime();
                int[] gen = f.greedy(tokens, 20, x -> false);
                System.out.println(" greedy " + java.util.Arrays.toString(gen) + " vs " + p.get("greedy_ids") + " ms=" + (System.nanoTime() - t) / 1e6);
            }
        }
    }
}
