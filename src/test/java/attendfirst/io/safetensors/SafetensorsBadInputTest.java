package attendfirst.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.ModelFormatException;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken safetensors files, written by hand: each error names the file and the item. */
@Epic("Infrastructure")
@Feature("safetensors reader")
class SafetensorsBadInputTest {
    private static final String GOOD_ENTRY = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path dir;

    @Test
    void aWellFormedHandWrittenFileReads() {
        // the writer used by the other cases produces readable files when nothing is broken
        Path file = SafetensorsVectors.write(dir.resolve("ok.safetensors"), "{" + GOOD_ENTRY + "}",
                SafetensorsVectors.f32(1.5f, -2f));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.readFloat32("w")).containsExactly(1.5f, -2f);
            assertThat(st.metadata()).isEmpty();
        }
    }

    @Test
    void missingAndEmptyFilesAreNamed() throws IOException {
        Path missing = dir.resolve("absent.safetensors");
        assertThatThrownBy(() -> SafetensorsFile.open(missing))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("not found")
                .hasMessageContaining(missing.toString());
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        assertThatThrownBy(() -> SafetensorsFile.open(empty))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(empty.toString())
                .hasMessageContaining("0 bytes");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsReportedAsTruncated() throws IOException {
        // GIVEN a file cut in the middle of its JSON header
        Path good = SafetensorsVectors.write(dir.resolve("good.safetensors"), "{" + GOOD_ENTRY + "}",
                SafetensorsVectors.f32(1f, 2f));
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(Files.readAllBytes(good), 20));
        assertThatThrownBy(() -> SafetensorsFile.open(cut))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(cut.toString())
                .hasMessageContaining("truncated").hasMessageContaining("file has 20 bytes");
    }

    @Test
    void malformedJsonIsReportedWithTheParserLocation() {
        Path file = SafetensorsVectors.write(dir.resolve("json.safetensors"), "{\"w\":{\"dtype\":F32}",
                new byte[0]);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("malformed JSON header").hasMessageContaining("$.w.dtype");
        Path notObject = SafetensorsVectors.write(dir.resolve("array.safetensors"), "[1,2]", new byte[0]);
        assertThatThrownBy(() -> SafetensorsFile.open(notObject))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("not an object");
    }

    @Test
    void anUnknownDtypeIsRejectedAtOpenNamingTensorAndDtype() {
        Path file = SafetensorsVectors.write(dir.resolve("dtype.safetensors"),
                "{\"w\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("tensor w").hasMessageContaining("unknown dtype Q4")
                .hasMessageContaining("F32");
    }

    @Test
    void offsetsBeyondTheFileAreReportedAsTruncated() {
        // GIVEN a header promising 8 bytes of data and a file holding 4
        Path file = SafetensorsVectors.write(dir.resolve("short.safetensors"), "{" + GOOD_ENTRY + "}", new byte[4]);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("truncated").hasMessageContaining("tensor w")
                .hasMessageContaining("data_offsets [0, 8]");
    }

    @Test
    void offsetsThatDisagreeWithShapeAndDtypeAreRejected() {
        Path file = SafetensorsVectors.write(dir.resolve("size.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("tensor w")
                .hasMessageContaining("needs 12");
        Path missing = SafetensorsVectors.write(dir.resolve("nooffsets.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", new byte[8]);
        assertThatThrownBy(() -> SafetensorsFile.open(missing))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("tensor w")
                .hasMessageContaining("data_offsets");
    }

    @Test
    void anUnknownTensorNameIsNamedWithTheFile() {
        Path file = SafetensorsVectors.write(dir.resolve("ok.safetensors"), "{" + GOOD_ENTRY + "}",
                SafetensorsVectors.f32(1f, 2f));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertThat(st.has("v")).isFalse();
            assertThatThrownBy(() -> st.readFloat32("v"))
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("no tensor named v");
            assertThatThrownBy(() -> st.shape("v")).isInstanceOf(ModelFormatException.class);
        }
    }
}
