package attendfirst.io.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.io.RealModels;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against the two real model files, compared with what the Python gguf package reads from the
 * same files (src/test/resources/io/real-model-samples.json from tools/io_make_real_samples.py).
 */
@Epic("Infrastructure")
@Feature("GGUF reader")
class GgufRealModelTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {RealModels.SMOLLM2, RealModels.GEMMA3})
    @DisplayName("header and metadata equal what the Python gguf reader sees")
    void headerAndMetadataMatchPythonGguf(String fileName) {
        // GIVEN a real model file and the values Python read from it
        Path path = RealModels.require(fileName);
        JsonObject expected = RealModelSamples.model(fileName);
        // WHEN it is opened
        try (GgufFile gguf = GgufFile.open(path)) {
            // THEN version, alignment, tensor count and the sampled metadata agree
            assertThat(gguf.version()).isEqualTo(expected.get("version").getAsInt());
            assertThat(gguf.alignment()).isEqualTo(expected.get("alignment").getAsInt());
            assertThat(gguf.tensors()).hasSize(expected.get("tensor_count").getAsInt());
            for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject("metadata").entrySet()) {
                Object actual = gguf.metadata().get(e.getKey());
                JsonElement want = e.getValue();
                if (actual instanceof Long l) {
                    assertThat(l).as(e.getKey()).isEqualTo(want.getAsLong());
                } else if (actual instanceof Double d) {
                    assertThat(d).as(e.getKey()).isEqualTo(want.getAsDouble());
                } else if (actual instanceof Boolean b) {
                    assertThat(b).as(e.getKey()).isEqualTo(want.getAsBoolean());
                } else {
                    assertThat(actual).as(e.getKey()).isEqualTo(want.getAsString());
                }
            }
        }
    }

    static Stream<Arguments> sampledTensors() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of(RealModels.SMOLLM2, RealModels.GEMMA3)) {
            for (String tensor : RealModelSamples.model(file).getAsJsonObject("tensors").keySet()) {
                cases.add(Arguments.of(file, tensor));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sampledTensors")
    @DisplayName("sampled tensor values equal gguf.quants.dequantize bit for bit")
    void sampledValuesEqualPythonDequantize(String fileName, String tensor) {
        // GIVEN a tensor of a real model with values sampled by Python
        Path path = RealModels.require(fileName);
        JsonObject expected = RealModelSamples.model(fileName).getAsJsonObject("tensors").getAsJsonObject(tensor);
        try (GgufFile gguf = GgufFile.open(path)) {
            // WHEN it is read as float32
            float[] values = gguf.readFloat32(tensor);
            // THEN type, shape and every sampled element agree exactly (same float32 arithmetic as ggml)
            assertThat(gguf.tensor(tensor).type().name()).isEqualTo(expected.get("type").getAsString());
            assertThat(gguf.shape(tensor)).containsExactly(longs(expected.getAsJsonArray("shape")));
            JsonArray indices = expected.getAsJsonArray("indices");
            JsonArray bits = expected.getAsJsonArray("bits");
            for (int i = 0; i < indices.size(); i++) {
                int at = indices.get(i).getAsInt();
                assertThat(Float.floatToRawIntBits(values[at]))
                        .as("%s[%d] = %s, Python gave %s", tensor, at, values[at],
                                Float.intBitsToFloat(bits.get(i).getAsInt()))
                        .isEqualTo(bits.get(i).getAsInt());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {RealModels.SMOLLM2, RealModels.GEMMA3})
    @DisplayName("every tensor dequantises to Python's values (SHA-256 of all elements), shapes agree with metadata")
    void everyTensorEqualsPythonAndHasShapesFromMetadata(String fileName) {
        // GIVEN a real model file and the SHA-256 of each tensor's float32 values from gguf.quants.dequantize
        Path path = RealModels.require(fileName);
        JsonObject sha = RealModelSamples.model(fileName).getAsJsonObject("sha256_f32le");
        try (GgufFile gguf = GgufFile.open(path)) {
            String arch = gguf.getString("general.architecture");
            long dim = gguf.getLong(arch + ".embedding_length");
            long ff = gguf.getLong(arch + ".feed_forward_length");
            long vocab = gguf.getStringArray("tokenizer.ggml.tokens").size();
            // WHEN every tensor is read
            long nanos = 0;
            long elements = 0;
            TreeSet<Integer> blocks = new TreeSet<>();
            assertThat(gguf.tensorNames()).containsExactlyElementsOf(sha.keySet());
            for (String name : gguf.tensorNames()) {
                long start = System.nanoTime();
                float[] v = gguf.readFloat32(name);
                nanos += System.nanoTime() - start;
                elements += v.length;
                // THEN every element has Python's bits, the count is the product of the shape, no value is NaN/inf
                assertThat(sha256(v)).as("SHA-256 of the float32 values of %s", name)
                        .isEqualTo(sha.get(name).getAsString());
                assertThat((long) v.length).as(name).isEqualTo(product(gguf.shape(name)));
                assertThat(firstNonFinite(v)).as("index of first non-finite value in %s", name).isEqualTo(-1);
                if (name.startsWith("blk.")) {
                    blocks.add(Integer.parseInt(name.split("\\.")[1]));
                }
            }
            double seconds = nanos / 1e9;
            Allure.parameter("seconds to dequantise all tensors", String.format("%.2f", seconds));
            System.out.printf("%s: dequantised %d tensors (%d elements) in %.2f s%n", fileName,
                    gguf.tensors().size(), elements, seconds);
            // AND the shapes agree with the hyper-parameters in the metadata
            assertThat(gguf.shape("token_embd.weight")).containsExactly(vocab, dim);
            assertThat(gguf.shape("blk.0.ffn_down.weight")).containsExactly(dim, ff);
            assertThat(gguf.shape("blk.0.ffn_up.weight")).containsExactly(ff, dim);
            assertThat(gguf.shape("blk.0.attn_norm.weight")).containsExactly(dim);
            assertThat((long) blocks.size()).isEqualTo(gguf.getLong(arch + ".block_count"));
            assertThat(blocks.last()).isEqualTo(blocks.size() - 1);
        }
    }

    private static String sha256(float[] values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                if (!chunk.hasRemaining()) {
                    digest.update(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putFloat(v);
            }
            digest.update(chunk.array(), 0, chunk.position());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
