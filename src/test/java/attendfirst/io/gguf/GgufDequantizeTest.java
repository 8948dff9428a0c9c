package attendfirst.io.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every supported ggml type against gguf.quants.dequantize on random and edge-value blocks
 * (src/test/resources/io/quant-vectors.*, from tools/io_make_gguf_vectors.py).
 *
 * <p>Tolerance: none. Both sides evaluate ggml's formulas as the same sequence of IEEE 754 float32
 * operations (round to nearest, no fused multiply-add in Java or numpy), so the bits must agree; NaN and
 * the sign of zero are compared by bit pattern too.
 */
@Epic("Infrastructure")
@Feature("GGUF reader")
class GgufDequantizeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q4_K", "Q6_K", "F16", "BF16", "F32"})
    @DisplayName("dequantisation equals the Python gguf package bit for bit")
    void dequantisationEqualsPythonGgufBitForBit(String type) {
        // GIVEN a tensor of this type with random and edge-value blocks, and Python's float32 values for it
        String name = "vec." + type;
        JsonObject expected = TestVectors.expectedJson().getAsJsonObject("tensors").getAsJsonObject(name);
        float[] want = TestVectors.expectedValues(name);
        try (GgufFile gguf = GgufFile.open(TestVectors.resource("quant-vectors.gguf"))) {
            // WHEN it is read as float32
            float[] got = gguf.readFloat32(name);
            // THEN its type and PyTorch-order shape are the ones written, and every element has the same bits
            assertThat(gguf.tensor(name).type()).isEqualTo(GgmlType.valueOf(type));
            List<Long> shape = new ArrayList<>();
            for (JsonElement d : expected.getAsJsonArray("shape")) {
                shape.add(d.getAsLong());
            }
            assertThat(gguf.shape(name)).containsExactly(shape.stream().mapToLong(Long::longValue).toArray());
            assertThat(got).hasSize(want.length);
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < want.length; i++) {
                if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
                    mismatches.add(String.format("[%d] java %s python %s", i, got[i], want[i]));
                }
            }
            assertThat(mismatches).as("elements of %s that differ from Python (of %d)", name, want.length).isEmpty();
        }
    }
}
