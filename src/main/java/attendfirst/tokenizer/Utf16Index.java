package attendfirst.tokenizer;

/** Converts code-point indices (what Python and HF's char offsets count) to UTF-16 String indices. */
final class Utf16Index {

    private Utf16Index() {
    }

    /** {@code result[k]} is the UTF-16 index of code point k; {@code result[count]} is the length. */
    static int[] ofCodePoints(String text) {
        int[] map = new int[text.codePointCount(0, text.length()) + 1];
        int k = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            map[k++] = i;
        }
        map[k] = text.length();
        return map;
    }
}
