package attendfirst.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DJL's HF tokenizer on a tiny tokenizer.json trained by tools/tokenizer_train_tiny.py gives the Python library's ids. */
@Epic("Infrastructure")
@Feature("Tokenizers")
class HfDirectoryTokenizerTest {

    private static final GoldenCases.Golden GOLDEN = GoldenCases.load("golden-tiny-hf.json");
    private static final Path DIR = TokenizerErrorsTest.resource("tiny-hf");
    private static Tokenizer shared;

    private static synchronized Tokenizer tiny() {
        if (shared == null) {
            shared = Tokenizers.fromHfDirectory(DIR);
        }
        return shared;
    }

    static Stream<Arguments> cases() {
        return GOLDEN.cases().stream().map(c -> Arguments.argumentSet(c.toString(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void encodeAndDecodeMatchThePythonTokenizersLibrary(GoldenCases.Case c) {
        // GIVEN the tiny tokenizer directory WHEN the text is encoded with the config's BOS policy
        Encoding e = tiny().encode(c.text());
        // THEN ids and spans are the Python library's, and decoding gives its text
        assertThat(e.ids()).as("ids of %s", c).containsExactly(c.ids());
        assertThat(e.start()).as("span starts of %s", c).containsExactly(c.start());
        assertThat(e.end()).as("span ends of %s", c).containsExactly(c.end());
        assertThat(tiny().decode(c.ids())).isEqualTo(c.decoded());
        if (c.roundTrips()) {
            assertThat(tiny().decode(tiny().encode(c.text(), false).ids())).isEqualTo(c.text());
        }
    }

    @Test
    void specialTokensAndSizeComeFromTheDirectory() {
        Tokenizer tok = tiny();
        assertThat(tok.vocabSize()).isEqualTo(GOLDEN.header().get("vocabSize").getAsInt());
        assertThat(tok.bosId()).hasValue(GOLDEN.header().get("bosId").getAsInt());
        assertThat(tok.eosId()).isEqualTo(GOLDEN.header().get("eosId").getAsInt());
        assertThat(tok.addsBos()).isTrue();
        assertThat(tok.tokenText(tok.eosId())).isEqualTo("</s>");
    }

    @Test
    void longTextIsNotTruncated() {
        // GIVEN a text far longer than any default maximum length (DJL's or the model's)
        String text = "the capital of France is Paris; ".repeat(200);
        // WHEN encoded THEN every character is covered and decoding gives the text back
        Encoding e = tiny().encode(text, false);
        assertThat(e.size()).isGreaterThan(1000);
        assertThat(e.end()[e.size() - 1]).isEqualTo(text.length());
        assertThat(tiny().decode(e.ids())).isEqualTo(text);
    }

    @Test
    void configSayingNoBosTurnsBosOff(@TempDir Path dir) throws Exception {
        // GIVEN the same tokenizer.json with a config that says add_bos_token false
        Files.copy(DIR.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"add_bos_token\": false, \"bos_token\": {\"content\": \"<s>\"}, \"eos_token\": \"</s>\"}");
        // WHEN encoded THEN no BOS is added, though one is still known and available on request
        Tokenizer tok = Tokenizers.fromHfDirectory(dir);
        int bos = GOLDEN.header().get("bosId").getAsInt();
        assertThat(tok.addsBos()).isFalse();
        assertThat(tok.encode("the capital").ids()).doesNotContain(bos);
        assertThat(tok.encode("the capital", true).ids()[0]).isEqualTo(bos);
    }

    @Test
    void withoutConfigBosPolicyFollowsThePostProcessor(@TempDir Path dir) throws Exception {
        // GIVEN only tokenizer.json, whose post-processor puts <s> first
        Files.copy(DIR.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Tokenizer tok = Tokenizers.fromHfDirectory(dir);
        // THEN that token is BOS and is added by default, and eosId says what is missing
        int bos = GOLDEN.header().get("bosId").getAsInt();
        assertThat(tok.bosId()).hasValue(bos);
        assertThat(tok.addsBos()).isTrue();
        assertThat(tok.encode("the capital").ids()[0]).isEqualTo(bos);
        org.assertj.core.api.Assertions.assertThatThrownBy(tok::eosId).hasMessageContaining("eos_token");
    }
}
