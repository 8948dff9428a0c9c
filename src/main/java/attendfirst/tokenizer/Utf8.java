package attendfirst.tokenizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** UTF-8 helpers for one code point at a time and strict decoding. */
final class Utf8 {

    private Utf8() {
    }

    /** Writes the UTF-8 bytes of {@code cp} into {@code buf} (length >= 4) and returns their count. */
    static int encode(int cp, byte[] buf) {
        if (cp < 0x80) {
            buf[0] = (byte) cp;
            return 1;
        }
        if (cp < 0x800) {
            buf[0] = (byte) (0xC0 | (cp >> 6));
            buf[1] = (byte) (0x80 | (cp & 0x3F));
            return 2;
        }
        if (cp < 0x10000) {
            // a lone surrogate in a Java String has no UTF-8 form; encode it as U+FFFD like String.getBytes does
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            buf[0] = (byte) (0xE0 | (cp >> 12));
            buf[1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[2] = (byte) (0x80 | (cp & 0x3F));
            return 3;
        }
        buf[0] = (byte) (0xF0 | (cp >> 18));
        buf[1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (byte) (0x80 | (cp & 0x3F));
        return 4;
    }

    /** The text of {@code bytes} if they are valid UTF-8, else empty. */
    static Optional<String> decodeStrict(byte[] bytes, int length) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
