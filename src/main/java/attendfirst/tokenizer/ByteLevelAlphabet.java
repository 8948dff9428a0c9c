package attendfirst.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's byte-to-character map: every byte gets a printable character so a byte string can live
 * in a text vocabulary. Bytes that are already printable Latin-1 ('!'..'~', '¡'..'¬', '®'..'ÿ')
 * stand for themselves; the other 68 bytes, in increasing order, take U+0100, U+0101, ...
 * (so a space, 0x20, is 'Ġ' U+0120 and a newline, 0x0A, is 'Ċ' U+010A).
 */
final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte {@code c} stands for, or -1 if {@code c} is not in the alphabet. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    static boolean isSpelledInAlphabet(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (byteOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} written in the alphabet: its UTF-8 bytes, one alphabet character each. */
    static String spell(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(charOf(b));
        }
        return sb.toString();
    }
}
