package attendfirst.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.io.gguf.GgufFile;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SentencePiece path for a non-Gemma architecture (score-ordered merges with ties, '▁' put in
 * front, leading space stripped on decode) against HF transformers on tools/tokenizer_tiny_sentencepiece.py's
 * tiny-llama-sp.gguf.
 */
@Epic("Infrastructure")
@Feature("Tokenizers")
class TinySentencePieceTest {

    private static final Tokenizer TOKENIZER;

    static {
        try (GgufFile gguf = GgufFile.open(TokenizerErrorsTest.resource("tiny-llama-sp.gguf"))) {
            TOKENIZER = Tokenizers.fromGguf(gguf);
        }
    }

    static Stream<Arguments> cases() {
        return GoldenCases.load("golden-tiny-llama-sp.json").cases().stream().map(c -> Arguments.argumentSet(c.toString(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void idsSpansAndDecodeMatchTransformers(GoldenCases.Case c) {
        // GIVEN the tiny SentencePiece GGUF WHEN the text is encoded (BOS added, as the file says)
        Encoding e = TOKENIZER.encode(c.text());
        // THEN ids, spans and decode are those of transformers' LlamaTokenizer built from the same file
        assertThat(e.ids()).as("ids of %s", c).containsExactly(c.ids());
        assertThat(e.start()).as("span starts of %s", c).containsExactly(c.start());
        assertThat(e.end()).as("span ends of %s", c).containsExactly(c.end());
        assertThat(TOKENIZER.decode(c.ids())).as("decode of %s", c).isEqualTo(c.decoded());
        if (c.roundTrips()) {
            assertThat(TOKENIZER.decode(TOKENIZER.encode(c.text(), false).ids())).isEqualTo(c.text());
        }
    }
}
