package attendfirst.io.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.ModelFormatException;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metadata of every GGUF value type, as written by tools/io_make_gguf_vectors.py. */
@Epic("Infrastructure")
@Feature("GGUF reader")
class GgufMetadataTest {
    private static final Path FILE = TestVectors.resource("quant-vectors.gguf");
    private static final JsonObject EXPECTED = TestVectors.expectedJson();

    @Test
    void everyIntegerTypeWidensToLongWithItsSignAndRange() {
        // GIVEN a file with one key per integer type at its extreme value
        try (GgufFile gguf = GgufFile.open(FILE)) {
            JsonObject m = EXPECTED.getAsJsonObject("metadata");
            // WHEN each is read THEN it is a Long with the value written
            for (String key : List.of("test.uint8", "test.int8", "test.uint16", "test.int16", "test.uint32",
                    "test.int32", "test.uint64", "test.int64")) {
                assertThat(gguf.metadata().get(key)).as(key).isInstanceOf(Long.class);
                assertThat(gguf.getLong(key)).as(key).isEqualTo(m.get(key).getAsLong());
                assertThat(gguf.metadataType(key)).isEqualTo(EXPECTED.getAsJsonObject("metadata_types")
                        .get(key).getAsString());
            }
            assertThat(gguf.findLong("test.absent")).isEmpty();
        }
    }

    @Test
    void floatsBooleansAndStringsKeepTheirValues() {
        try (GgufFile gguf = GgufFile.open(FILE)) {
            JsonObject m = EXPECTED.getAsJsonObject("metadata");
            assertThat(gguf.getDouble("test.float32")).isEqualTo(m.get("test.float32").getAsDouble());
            assertThat(gguf.getDouble("test.float64")).isEqualTo(0.1);
            assertThat(gguf.getBoolean("test.bool_true")).isTrue();
            assertThat(gguf.findBoolean("test.bool_false")).contains(false);
            assertThat(gguf.getString("test.string")).isEqualTo(m.get("test.string").getAsString());
            assertThat(gguf.getString("general.architecture")).isEqualTo("testvectors");
        }
    }

    @Test
    void arraysComeBackAsStringIntAndFloatArrays() {
        try (GgufFile gguf = GgufFile.open(FILE)) {
            assertThat(gguf.getStringArray("test.array_string")).containsExactly("a", "", "ünï", "<s>");
            assertThat(gguf.getIntArray("test.array_int32")).containsExactly(0, -1, 2147483647, -2147483648);
            float[] floats = gguf.getFloatArray("test.array_float32");
            assertThat(floats).containsExactly(0.5f, -1.25f, Float.MAX_VALUE, Float.MIN_VALUE);
            assertThat(gguf.metadata().get("test.array_bool")).isEqualTo(List.of(true, false, true));
        }
    }

    @Test
    void aStringLongerThanTheHeaderReadWindowIsReadWhole(@TempDir Path dir) throws IOException {
        // GIVEN a hand-made GGUF whose first value is a 3 MB string (the reader's window is 1 MiB), then a uint32
        String big = "x".repeat(3_000_000) + "end";
        byte[] key1 = "test.big".getBytes(StandardCharsets.UTF_8);
        byte[] key2 = "test.after".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(big.length() + 200).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(2); // magic, version, counts
        b.putLong(key1.length).put(key1).putInt(8).putLong(big.length()).put(big.getBytes(StandardCharsets.UTF_8));
        b.putLong(key2.length).put(key2).putInt(4).putInt(123456789);
        Path file = Files.write(dir.resolve("big.gguf"), Arrays.copyOf(b.array(), b.position()));
        // WHEN it is opened THEN both values are intact
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.getString("test.big")).isEqualTo(big);
            assertThat(gguf.getLong("test.after")).isEqualTo(123456789L);
            assertThat(gguf.tensors()).isEmpty();
        }
    }

    @Test
    void customAlignmentMovesTheDataSection() {
        // GIVEN a file written with general.alignment = 64
        try (GgufFile gguf = GgufFile.open(FILE)) {
            // THEN the reader uses it and every tensor offset is a multiple of it
            assertThat(gguf.alignment()).isEqualTo(EXPECTED.get("alignment").getAsInt()).isEqualTo(64);
            assertThat(gguf.tensors().values()).allSatisfy(t -> assertThat(t.offset() % 64).isZero());
            assertThat(gguf.version()).isEqualTo(3);
        }
    }

    @Test
    void aMissingKeyOrWrongTypeNamesFileKeyExpectedAndSeenType() {
        try (GgufFile gguf = GgufFile.open(FILE)) {
            assertThatThrownBy(() -> gguf.getLong("llama.block_count"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(FILE.toString()).hasMessageContaining("llama.block_count")
                    .hasMessageContaining("no metadata key");
            assertThatThrownBy(() -> gguf.getString("test.uint32"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(FILE.toString()).hasMessageContaining("test.uint32")
                    .hasMessageContaining("has type UINT32").hasMessageContaining("expected STRING");
            assertThatThrownBy(() -> gguf.getIntArray("test.array_string"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("ARRAY[STRING]").hasMessageContaining("integer");
            assertThatThrownBy(() -> gguf.getDouble("test.int32"))
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("has type INT32");
            assertThatThrownBy(() -> gguf.findString("test.float32"))
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("has type FLOAT32");
        }
    }
}
