package attendfirst.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.io.gguf.GgufFile;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

/**
 * Byte-level BPE on tools/tokenizer_make_bad_ggufs.py's tiny-gpt2.gguf: ids 0 "<|endoftext|>" (control),
 * 1..256 the byte alphabet in byte order, 257 "he", 258 "ll", 259 "hell", 260 "hello";
 * merges "h e", "l l", "he ll", "hell o" in that order.
 */
@Epic("Infrastructure")
@Feature("Tokenizers")
class TinyGgufTokenizerTest {

    private static Tokenizer tiny() {
        try (GgufFile gguf = GgufFile.open(TokenizerErrorsTest.resource("tiny-gpt2.gguf"))) {
            return Tokenizers.fromGguf(gguf);
        }
    }

    private static int byteToken(char c) {
        return 1 + c;
    }

    @Test
    void mergesChainInRankOrderUpToTheWholeWord() {
        Tokenizer tok = tiny();
        // WHEN "hello" is encoded THEN the four merges build the single token 260
        assertThat(tok.encode("hello").ids()).containsExactly(260);
        // AND a word whose pairs stop early keeps the partial merges: "hel" = "he" + "l"
        assertThat(tok.encode("hel").ids()).containsExactly(257, byteToken('l'));
        // AND "ll" merges before "he ll" can, so "lll" is "ll" + "l"
        assertThat(tok.encode("lll").ids()).containsExactly(258, byteToken('l'));
    }

    @Test
    void spaceStartsAPreTokenAndIsItsOwnByteHere() {
        Tokenizer tok = tiny();
        // " hello" is one pre-token "Ġhello"; no merge involves Ġ, so the space stays a byte token
        Encoding e = tok.encode(" hello");
        assertThat(e.ids()).containsExactly(byteToken(' '), 260);
        assertThat(e.start()).containsExactly(0, 1);
        assertThat(e.end()).containsExactly(1, 6);
    }

    @Test
    void controlTokenIsMatchedWholeAndBosIsOnlyAddedOnRequest() {
        Tokenizer tok = tiny();
        assertThat(tok.addsBos()).isFalse();
        assertThat(tok.encode("he<|endoftext|>").ids()).containsExactly(257, 0);
        Encoding withBos = tok.encode("he", true);
        assertThat(withBos.ids()).containsExactly(0, 257);
        assertThat(withBos.start()).containsExactly(0, 0);
        assertThat(withBos.end()).containsExactly(0, 2);
    }

    @Test
    void multiByteCharacterBytesEachSpanTheWholeCharacter() {
        Tokenizer tok = tiny();
        // "é" is C3 A9 and "😀" four bytes, a surrogate pair in Java; no merges apply
        Encoding e = tok.encode("é😀");
        assertThat(e.ids()).hasSize(6);
        assertThat(e.start()).containsExactly(0, 0, 1, 1, 1, 1);
        assertThat(e.end()).containsExactly(1, 1, 3, 3, 3, 3);
        assertThat(tok.decode(e.ids())).isEqualTo("é😀");
        // a lone first byte decodes to the replacement character rather than failing
        assertThat(tok.decode(new int[] {e.ids()[0]})).isEqualTo("\uFFFD");
    }
}
