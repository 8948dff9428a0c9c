package attendfirst.io.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.ModelFormatException;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken GGUF files, made by cutting or patching the Python-written test vectors: each error names file and item. */
@Epic("Infrastructure")
@Feature("GGUF reader")
class GgufBadInputTest {
    private static final Path VECTORS = TestVectors.resource("quant-vectors.gguf");
    private static final Path UNSUPPORTED = TestVectors.resource("unsupported-types.gguf");

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] vectors() throws IOException {
        return Files.readAllBytes(VECTORS);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nowhere.gguf");
        assertThatThrownBy(() -> GgufFile.open(missing))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not found").hasMessageContaining(missing.toString());
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws IOException {
        Path empty = write("empty.gguf", new byte[0]);
        assertThatThrownBy(() -> GgufFile.open(empty))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("empty");
    }

    @Test
    void aWrongMagicShowsTheBytesSeen() throws IOException {
        // GIVEN a file that starts with "GGML" instead of "GGUF"
        byte[] bytes = vectors();
        bytes[2] = 'M';
        bytes[3] = 'L';
        Path file = write("ggml.gguf", bytes);
        // THEN the error shows the four bytes in hex and as text
        assertThatThrownBy(() -> GgufFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("47 47 4d 4c").hasMessageContaining("\"GGML\"")
                .hasMessageContaining("expected 47 47 55 46");
        Path safetensors = write("x.gguf", "{\"__metadata__\":1}".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> GgufFile.open(safetensors)).hasMessageContaining("\"{\"__\"");
    }

    @Test
    void version1AndBigEndianFilesAreRejectedWithTheVersionSeen() throws IOException {
        byte[] v1 = vectors();
        ByteBuffer.wrap(v1).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1);
        Path file1 = write("v1.gguf", v1);
        assertThatThrownBy(() -> GgufFile.open(file1))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file1.toString())
                .hasMessageContaining("unsupported version 1").hasMessageContaining("supported: 2, 3");
        byte[] be = vectors();
        ByteBuffer.wrap(be).order(ByteOrder.BIG_ENDIAN).putInt(4, 3);
        Path fileBe = write("be.gguf", be);
        assertThatThrownBy(() -> GgufFile.open(fileBe))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("big-endian");
    }

    @Test
    void aVersion2FileIsRead() throws IOException {
        // v2 and v3 have the same little-endian layout (v3 only added big-endian files)
        byte[] v2 = vectors();
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        try (GgufFile gguf = GgufFile.open(write("v2.gguf", v2))) {
            assertThat(gguf.version()).isEqualTo(2);
            assertThat(gguf.readFloat32("vec.Q8_0")).containsExactly(TestVectors.expectedValues("vec.Q8_0"));
        }
    }

    @Test
    void aTruncatedHeaderNamesWhatWasBeingRead() throws IOException {
        // GIVEN the vectors file cut inside the metadata, and one cut inside the magic
        Path cut = write("cut.gguf", Arrays.copyOf(vectors(), 200));
        assertThatThrownBy(() -> GgufFile.open(cut))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated")
                .hasMessageMatching("(?s).*(test\\.|metadata key).*")
                .hasMessageContaining("the file has 200 bytes");
        Path tiny = write("tiny.gguf", new byte[] {'G', 'G'});
        assertThatThrownBy(() -> GgufFile.open(tiny))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("truncated").hasMessageContaining("magic");
    }

    @Test
    void aFileCutInsideTensorInfosNamesTheTensor() throws IOException {
        // GIVEN the file cut in the middle of the name of tensor vec.Q4_K
        byte[] bytes = vectors();
        int at = indexOf(bytes, "vec.Q4_K".getBytes(StandardCharsets.US_ASCII));
        Path file = write("infos.gguf", Arrays.copyOf(bytes, at + 12));
        assertThatThrownBy(() -> GgufFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("vec.Q4_K");
    }

    @Test
    void truncatedTensorDataNamesTheTensorAndTheSizes() throws IOException {
        // GIVEN the file without its last 40 bytes: 32 bytes of end padding (160 bytes of vec.F32 padded to
        // the alignment 64) and the last 8 bytes of the last tensor, vec.F32
        byte[] bytes = vectors();
        Path file = write("short.gguf", Arrays.copyOf(bytes, bytes.length - 40));
        assertThatThrownBy(() -> GgufFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("vec.F32").hasMessageContaining("file has " + (bytes.length - 40) + " bytes");
    }

    @Test
    void anUnsupportedTensorTypeIsRejectedOnlyWhenRead() {
        // GIVEN a file with an F32 tensor and Q5_K and IQ2_XS tensors
        try (GgufFile gguf = GgufFile.open(UNSUPPORTED)) {
            // THEN it opens, the F32 tensor reads, and its other tensors' infos are known
            assertThat(gguf.readFloat32("ok.F32")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(gguf.tensor("blk.3.iq2_xs.weight").type()).isEqualTo(GgmlType.IQ2_XS);
            assertThat(gguf.shape("blk.3.q5_k.weight")).containsExactly(2, 256);
            // WHEN the unsupported ones are read THEN the error names tensor, file, type and the supported types
            assertThatThrownBy(() -> gguf.readFloat32("blk.3.iq2_xs.weight"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessage("GGUF tensor blk.3.iq2_xs.weight in " + UNSUPPORTED
                            + " has type IQ2_XS, supported: F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q4_K Q6_K");
            assertThatThrownBy(() -> gguf.readFloat32("blk.3.q5_k.weight"))
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("has type Q5_K");
        }
    }

    @Test
    void anUnknownTypeIdIsRejectedAtOpenNamingTensorAndId() throws IOException {
        // GIVEN the type field of tensor ok.F32 patched to 99: name, then uint32 n_dims, n_dims x int64, uint32 type
        byte[] bytes = Files.readAllBytes(UNSUPPORTED);
        int name = indexOf(bytes, "ok.F32".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int nDims = b.getInt(name + 6);
        assertThat(b.getInt(name + 6 + 4 + 8 * nDims)).isEqualTo(GgmlType.F32.id()); // the field found is the type
        b.putInt(name + 6 + 4 + 8 * nDims, 99);
        Path file = write("type99.gguf", bytes);
        assertThatThrownBy(() -> GgufFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("ok.F32")
                .hasMessageContaining("unknown ggml type id 99");
    }

    @Test
    void anUnsupportedTypeWhoseRowsDoNotFitItsBlockIsReportedAsUnsupportedNotAsABlockSizeProblem() throws IOException {
        // GIVEN tensor ok.F32 (rows of 8 elements) relabelled IQ2_XXS, a type with 256-element blocks this reader
        // cannot decode: name, then uint32 n_dims, n_dims x int64, uint32 type
        byte[] bytes = Files.readAllBytes(UNSUPPORTED);
        int name = indexOf(bytes, "ok.F32".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int nDims = b.getInt(name + 6);
        b.putInt(name + 6 + 4 + 8 * nDims, GgmlType.IQ2_XXS.id());
        Path file = write("iq2xxs.gguf", bytes);
        // WHEN it is opened THEN the error names file, tensor, type and the supported types, not the block size
        assertThatThrownBy(() -> GgufFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("GGUF file " + file + ": tensor ok.F32 has type IQ2_XXS, which this reader cannot decode;"
                        + " supported: F32 F16 BF16 Q8_0 Q4_0 Q4_1 Q5_0 Q4_K Q6_K");
    }

    @Test
    void anUnknownTensorNameIsNamedWithTheFile() {
        try (GgufFile gguf = GgufFile.open(VECTORS)) {
            assertThat(gguf.has("output.weight")).isFalse();
            assertThatThrownBy(() -> gguf.shape("output.weight"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("output.weight").hasMessageContaining(VECTORS.toString());
            assertThatThrownBy(() -> gguf.readFloat32("output.weight"))
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("output.weight");
        }
    }

    @Test
    void aCorruptStringLengthIsReportedNotAllocated() throws IOException {
        // GIVEN the length of the first metadata key (right after the 24-byte fixed header) set to 2^40
        byte[] bytes = vectors();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 1L << 40);
        Path file = write("len.gguf", bytes);
        assertThatThrownBy(() -> GgufFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("metadata key #0")
                .hasMessageContaining(String.valueOf(1L << 40));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.US_ASCII));
    }
}
