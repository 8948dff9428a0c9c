package attendfirst.io.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("GGUF reader")
class GgmlTypeTest {

    @Test
    void idsAndBlockSizesEqualThoseOfThePythonGgufPackage() {
        // GIVEN the ggml types the gguf package knows (written by tools/io_make_gguf_vectors.py)
        JsonObject python = TestVectors.expectedJson().getAsJsonObject("ggml_types");
        // THEN each is known here by the same name, id, block size and type size, and nothing else is
        for (Map.Entry<String, JsonElement> e : python.entrySet()) {
            JsonArray v = e.getValue().getAsJsonArray();
            GgmlType t = GgmlType.valueOf(e.getKey());
            assertThat(new int[] {t.id(), t.blockSize(), t.typeSize()}).as(e.getKey())
                    .containsExactly(v.get(0).getAsInt(), v.get(1).getAsInt(), v.get(2).getAsInt());
            assertThat(GgmlType.byId(t.id())).isSameAs(t);
        }
        assertThat(Arrays.stream(GgmlType.values()).map(Enum::name)).containsExactlyInAnyOrderElementsOf(python.keySet());
        assertThat(GgmlType.byId(4)).isNull(); // removed Q4_2
        assertThat(GgmlType.byId(-1)).isNull();
        assertThat(GgmlType.byId(1000)).isNull();
    }

    @Test
    void exactlyTheDequantisedTypesAreSupported() {
        assertThat(Arrays.stream(GgmlType.values()).filter(GgmlType::supported))
                .containsExactlyInAnyOrder(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
                        GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q4_K, GgmlType.Q6_K);
        assertThat(GgmlType.supportedNames()).isEqualTo("F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q4_K Q6_K");
    }

    @Test
    void halfToFloatIsExactForEveryFiniteHalf() {
        // every binary16 value is exactly representable in binary32, so the conversion must equal the value
        // the IEEE 754 definition gives (computed here in double, independently of the bit manipulation)
        for (int h = 0; h < 0x10000; h++) {
            float f = Dequantize.halfToFloat(h);
            if (Float.isNaN(f)) {
                assertThat((h >>> 10) & 0x1F).isEqualTo(0x1F);
                continue;
            }
            int exp = (h >>> 10) & 0x1F;
            int mant = h & 0x3FF;
            double magnitude = exp == 0 ? mant * Math.pow(2, -24)
                    : exp == 0x1F ? Double.POSITIVE_INFINITY : (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            double expected = (h & 0x8000) != 0 ? -magnitude : magnitude;
            assertThat((double) f).as("half 0x%04x", h).isEqualTo(expected);
            assertThat(Float.floatToRawIntBits(f) >>> 31).isEqualTo(h >>> 15); // -0 keeps its sign
        }
    }
}
