package attendfirst.tokenizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.gguf.GgufFile;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken or unsupported tokenizer descriptions fail loudly, naming the file and the key (tools/tokenizer_make_bad_ggufs.py). */
@Epic("Infrastructure")
@Feature("Tokenizers")
class TokenizerErrorsTest {

    static Path resource(String name) {
        try {
            return Path.of(TokenizerErrorsTest.class.getResource("/tokenizer/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource tokenizer/" + name + " is missing", e);
        }
    }

    private static void assertFromGgufFails(String file, String... messageParts) {
        // GIVEN a GGUF file with one fault
        Path path = resource(file);
        try (GgufFile gguf = GgufFile.open(path)) {
            // WHEN a tokenizer is built from it THEN it fails naming the file and what is wrong
            assertThatThrownBy(() -> Tokenizers.fromGguf(gguf))
                    .isInstanceOf(TokenizerFormatException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageContainingAll(messageParts);
        }
    }

    @Test
    void ggufWithoutTokenizerKeysIsRejected() {
        assertFromGgufFails("bad-no-tokenizer.gguf", "tokenizer.ggml.model", "missing");
    }

    @Test
    void unknownTokenizerModelIsRejectedListingSupportedOnes() {
        assertFromGgufFails("bad-unknown-model.gguf", "tokenizer.ggml.model", "'wordpiece'", "gpt2", "llama");
    }

    @Test
    void unknownPreTokenizerIsRejectedListingSupportedOnes() {
        assertFromGgufFails("bad-unknown-pre.gguf", "tokenizer.ggml.pre", "'no-such-pre'", "smollm", "gpt2");
    }

    @Test
    void mergeNamingAnUnknownTokenIsRejectedWithItsIndex() {
        assertFromGgufFails("bad-merge-unknown.gguf", "tokenizer.ggml.merges[1]", "'l zz'", "'zz'");
    }

    @Test
    void byteLevelVocabularyWithoutMergesIsRejected() {
        assertFromGgufFails("bad-no-merges.gguf", "tokenizer.ggml.merges", "missing");
    }

    @Test
    void hfDirectoryWithoutTokenizerJsonIsRejectedNamingTheDirectory(@TempDir Path dir) throws Exception {
        // GIVEN a directory holding only a tokenizer_config.json
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"add_bos_token\": true}");
        // WHEN / THEN
        assertThatThrownBy(() -> Tokenizers.fromHfDirectory(dir))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("tokenizer.json");
    }
}
