package attendfirst.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.ModelFormatException;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by the Python safetensors package (tools/io_make_safetensors_vectors.py), and a sparse 2+ GiB file. */
@Epic("Infrastructure")
@Feature("safetensors reader")
class SafetensorsFileTest {
    private static final Path MIXED = SafetensorsVectors.resource("mixed.safetensors");
    private static final JsonObject EXPECTED = SafetensorsVectors.expected("mixed.expected.json");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"model.f32", "model.f16", "model.bf16", "model.scalar"})
    void floatTensorsEqualTorchFloatBitForBit(String name) {
        // GIVEN a tensor written by safetensors.torch with edge values, and torch's tensor.float() bits
        JsonObject want = EXPECTED.getAsJsonObject("tensors").getAsJsonObject(name);
        try (SafetensorsFile file = SafetensorsFile.open(MIXED)) {
            // WHEN it is read
            float[] values = file.readFloat32(name);
            // THEN shape and every bit agree (f16/bf16 widen exactly, so no tolerance is needed)
            assertThat(file.shape(name)).containsExactly(SafetensorsVectors.shape(want));
            assertThat(SafetensorsVectors.rawBits(values)).containsExactly(SafetensorsVectors.bits(want));
        }
    }

    @Test
    void headerMetadataAndDtypesAreReported() {
        try (SafetensorsFile file = SafetensorsFile.open(MIXED)) {
            assertThat(file.metadata()).containsEntry("format", "pt")
                    .containsEntry("note", "attend-first test vectors").hasSize(2);
            assertThat(file.dtype("model.bf16")).isEqualTo("BF16");
            assertThat(file.dtype("model.i64")).isEqualTo("I64");
            assertThat(file.tensorNames()).containsExactlyInAnyOrderElementsOf(
                    EXPECTED.getAsJsonObject("tensors").keySet());
            assertThat(file.shape("model.scalar")).isEmpty();
            assertThat(file.describe()).isEqualTo(MIXED.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"model.i64", "model.f64", "model.i8"})
    void otherDtypesAreRejectedWhenReadNamingTensorAndDtype(String name) {
        // GIVEN a file that holds integer and float64 tensors next to float ones
        try (SafetensorsFile file = SafetensorsFile.open(MIXED)) {
            // WHEN such a tensor is read THEN the error names file, tensor, its dtype and the supported ones
            String dtype = file.dtype(name);
            assertThat(file.has(name)).isTrue();
            assertThatThrownBy(() -> file.readFloat32(name))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(MIXED.toString()).hasMessageContaining(name)
                    .hasMessageContaining("dtype " + dtype).hasMessageContaining("supported: F32 F16 BF16");
        }
    }

    @Test
    void aTensorMappedInManySmallChunksReadsTheSame() {
        // GIVEN the mixed file opened with 8-byte mappings (the path a tensor above 2 GiB takes)
        try (SafetensorsFile whole = SafetensorsFile.open(MIXED); SafetensorsFile chunked = SafetensorsFile.open(MIXED, 8)) {
            // THEN every float tensor reads identically
            for (String name : new String[] {"model.f32", "model.f16", "model.bf16"}) {
                assertThat(SafetensorsVectors.rawBits(chunked.readFloat32(name)))
                        .containsExactly(SafetensorsVectors.rawBits(whole.readFloat32(name)));
            }
        }
    }

    @Test
    void tensorsBeyondAndAcrossThe2GiBMarkOfASparseFileAreRead(@TempDir Path dir) throws IOException {
        // GIVEN a sparse 3 GiB file: one tensor at the start, one straddling 2^31, one at the very end
        long threeGiB = 3L << 30;
        float[] near = {1f, 2f, 3f};
        float[] across = {-1.5f, 0.25f, 7f, 8f};
        float[] far = {42f, -0f, Float.MIN_VALUE, 1e30f, 5f, 6f};
        String header0 = headerJson(0, 0, 0);
        long dataStart = 8 + (header0.length() + 7) / 8 * 8;
        long acrossBegin = (1L << 31) - dataStart - 8; // two floats below the 2 GiB mark, two above
        long farBegin = threeGiB - dataStart - 4L * far.length;
        String header = headerJson(12, acrossBegin, farBegin);
        assertThat(header.length()).isEqualTo(header0.length()); // offsets padded to fixed width
        Path file = SafetensorsVectors.write(dir.resolve("big.safetensors"), header, SafetensorsVectors.f32(near));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(threeGiB);
        }
        SafetensorsVectors.writeAt(file, dataStart + acrossBegin, SafetensorsVectors.f32(across));
        SafetensorsVectors.writeAt(file, dataStart + farBegin, SafetensorsVectors.f32(far));
        try {
            // WHEN the tensors are read
            try (SafetensorsFile st = SafetensorsFile.open(file)) {
                // THEN each has the values written at its offset
                assertThat(st.readFloat32("near")).containsExactly(near);
                assertThat(st.readFloat32("across")).containsExactly(across);
                assertThat(SafetensorsVectors.rawBits(st.readFloat32("far")))
                        .containsExactly(SafetensorsVectors.rawBits(far));
                assertThat(st.readFloat32("hole")).containsOnly(0f).hasSize(16); // never written: zeros
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** A header whose offsets are padded to 12 characters, so its length does not depend on them. */
    private static String headerJson(long nearEnd, long acrossBegin, long farBegin) {
        String f = "%12d"; // space-padded: JSON allows whitespace, not leading zeros
        return "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"near\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"hole\":{\"dtype\":\"F32\",\"shape\":[4,4],\"data_offsets\":[" + String.format(f, 1024) + ","
                + String.format(f, 1024 + 64) + "]},"
                + "\"across\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + String.format(f, acrossBegin)
                + "," + String.format(f, acrossBegin + 16) + "]},"
                + "\"far\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[" + String.format(f, farBegin) + ","
                + String.format(f, farBegin + 24) + "]}}";
    }
}
