package attendfirst.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2 style byte-level BPE (tokenizer.ggml.model = gpt2), built the way HF transformers builds it
 * from a GGUF: added tokens are cut out of the raw text first, each remaining stretch is split by the
 * pre-tokeniser regex, each piece is turned into UTF-8 bytes written in {@link ByteLevelAlphabet},
 * and the file's merges are applied in file order (line i has rank i).
 */
final class ByteLevelBpeTokenizer extends GgufBpeTokenizer {

    /**
     * GPT-2's split: English contractions, optional space + letters, optional space + digits,
     * optional space + other symbols, whitespace not followed by a non-space, other whitespace.
     * \s is Unicode White_Space, as in the Oniguruma regex HF tokenizers uses.
     */
    private static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Qwen2's split (transformers' Qwen2Converter, llama.cpp's "qwen2" pre-tokeniser): contractions in any
     * case, letters with at most one leading non-letter/non-digit that is not a line break, single digits,
     * optional space + symbols with trailing line breaks, whitespace ending in line breaks, whitespace not
     * followed by a non-space, other whitespace. No normaliser: transformers builds the GGUF tokenizer without
     * the NFC step its tokenizer.json converter adds (pipeline-qwen2.json), and llama.cpp has none either, so a
     * decomposed accent stays two code points (golden-qwen2.json checks this).
     */
    private static final Pattern QWEN2_SPLIT = Pattern.compile(
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * tokenizer.ggml.pre values and the split HF transformers uses for them. transformers has no
     * split of its own for "smollm" and falls back to ByteLevel's GPT-2 regex, so that is what the
     * golden ids follow (llama.cpp would also split digits one by one; SmolLM2's vocabulary has no
     * multi-digit token, so the ids agree on digits either way).
     */
    static final Map<String, Pattern> SPLITS = Map.of("gpt2", GPT2_SPLIT, "smollm", GPT2_SPLIT, "default", GPT2_SPLIT,
            "qwen2", QWEN2_SPLIT);


    private final Pattern split;
    private final String[] spelled;              // vocabulary entry in the byte alphabet, index = id
    private final int[] byteId = new int[256];   // id of each single-byte token, -1 if the vocabulary lacks it
    private final Map<Long, Integer> mergeRank = new HashMap<>(); // (left << 32 | right) -> line in merges
    private final int[] mergedId;                // rank -> id of the merged token

    ByteLevelBpeTokenizer(GgufVocabulary v) {
        super(v, false);
        this.split = SPLITS.get(v.pre() == null ? "default" : v.pre());

        if (split == null) {
            throw new TokenizerFormatException(source + ": " + GgufVocabulary.PRE + " = '" + v.pre()
                    + "' is not supported for byte-level BPE; supported: " + new TreeSet<>(SPLITS.keySet()));
        }
        int n = tokens.size();
        spelled = new String[n];
        Map<String, Integer> vocab = new HashMap<>(n * 2);
        for (int id = 0; id < n; id++) {
            // an entry with characters outside the alphabet is plain text; HF respells it as its bytes
            String t = tokens.get(id);
            spelled[id] = ByteLevelAlphabet.isSpelledInAlphabet(t) ? t : ByteLevelAlphabet.spell(t);
            vocab.put(spelled[id], id);
        }
        for (int b = 0; b < 256; b++) {
            // SmolLM2 lacks 21 bytes (0x04, 0xC0, 0xFF, ...); HF's BPE then drops such a byte silently
            // (no unk token in these vocabularies), and so does encodePiece
            byteId[b] = vocab.getOrDefault(String.valueOf(ByteLevelAlphabet.charOf(b)), -1);
        }
        List<String> merges = v.merges();
        if (merges == null) {
            throw new TokenizerFormatException(source + ": metadata key " + GgufVocabulary.MERGES
                    + " is missing; byte-level BPE (" + GgufVocabulary.MODEL + " = gpt2) needs it");
        }
        mergedId = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            String line = merges.get(rank);
            int space = line.indexOf(' ');
            if (space <= 0 || space != line.lastIndexOf(' ') || space == line.length() - 1) {
                throw new TokenizerFormatException(source + ": " + GgufVocabulary.MERGES + "[" + rank + "] = '"
                        + line + "' is not two tokens separated by one space");
            }
            String left = line.substring(0, space);
            String right = line.substring(space + 1);
            Integer l = vocab.get(left);
            Integer r = vocab.get(right);
            Integer m = vocab.get(left + right);
            if (l == null || r == null || m == null) {
                String missing = l == null ? left : r == null ? right : left + right;
                throw new TokenizerFormatException(source + ": " + GgufVocabulary.MERGES + "[" + rank + "] = '"
                        + line + "' refers to '" + missing + "', which is not in " + GgufVocabulary.TOKENS);
            }
            mergeRank.putIfAbsent(((long) l << 32) | (r & 0xFFFFFFFFL), rank);
            mergedId[rank] = m;
        }
        for (int id = 0; id < n; id++) {
            // control tokens are special added tokens unless spelled outside the byte alphabet
            // (transformers skips those as llama.cpp mislabels); user-defined ones are plain added tokens
            int type = v.tokenType(id);
            boolean control = type == GgufVocabulary.TYPE_CONTROL && ByteLevelAlphabet.isSpelledInAlphabet(tokens.get(id));
            boolean userDefined = type == GgufVocabulary.TYPE_USER_DEFINED;
            if (control || userDefined) {
                added.add(tokens.get(id), vocab.getOrDefault(tokens.get(id), id));
            }
        }
    }

    private final BpeMerger.Ranks ranks = new BpeMerger.Ranks() {
        @Override
        public long rank(int left, int right) {
            Integer rank = mergeRank.get(((long) left << 32) | (right & 0xFFFFFFFFL));
            return rank == null ? -1 : rank;
        }

        @Override
        public int mergedId(int left, int right, long rank) {
            return mergedId[(int) rank];
        }
    };

    /** The pre-tokeniser's pieces of text[from, to), each encoded; text between matches is a piece too. */
    @Override
    protected void encodeStretch(String text, int from, int to, EncodingBuilder out) {
        Matcher m = split.matcher(text).region(from, to);
        int pos = from;
        while (m.find()) {
            if (m.start() > pos) {
                encodePiece(text, pos, m.start(), out);
            }
            encodePiece(text, m.start(), m.end(), out);
            pos = m.end();
        }
        if (pos < to) {
            encodePiece(text, pos, to, out);
        }
    }

    /**
     * One pre-token: its bytes as single-byte tokens, each spanning the character it came from, then merged.
     *
     * <p>Spans follow HF's bookkeeping, which matters only when a byte has no token and is dropped:
     * HF gives each kept symbol the next stretch of the pre-token's byte-alphabet text (its UTF-8
     * length, 1 or 2 bytes) counting from the start and skipping nothing, then maps that stretch back
     * to the input characters. So tokens after a dropped byte inherit spans shifted left, and ids
     * are unaffected. Without dropped bytes this is exactly each byte's own character.
     */
    private void encodePiece(String text, int from, int to, EncodingBuilder out) {
        int n = to - from;
        BpeMerger.Word word = new BpeMerger.Word(n * 2);
        int[] alignStart = new int[n * 8];   // per byte of the byte-alphabet text: the input character's span
        int[] alignEnd = new int[n * 8];
        int written = 0;                     // bytes of byte-alphabet text so far
        int cursor = 0;                      // bytes of byte-alphabet text claimed by kept symbols
        byte[] buf = new byte[4];
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            int len = Utf8.encode(cp, buf);
            for (int k = 0; k < len; k++) {
                int b = buf[k] & 0xFF;
                int width = ByteLevelAlphabet.charOf(b) < 0x80 ? 1 : 2;
                for (int w = 0; w < width; w++) {
                    alignStart[written] = i;
                    alignEnd[written++] = next;
                }
                if (byteId[b] >= 0) {
                    word.add(byteId[b], cursor, cursor + width); // patched to input spans below
                    cursor += width;
                }
            }
            i = next;
        }
        for (int k = 0; k < word.size; k++) {
            int s = word.start[k];
            int e = word.end[k];
            word.start[k] = alignStart[s];
            word.end[k] = alignEnd[e - 1];
        }
        BpeMerger.merge(word, ranks, out);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            String t = added.isAdded(id) ? added.content(id) : spelled[checkId(id)];
            // like HF's ByteLevel decoder: a token with a character outside the alphabet is taken as its UTF-8 text
            if (ByteLevelAlphabet.isSpelledInAlphabet(t)) {
                for (int i = 0; i < t.length(); i++) {
                    bytes.write(ByteLevelAlphabet.byteOf(t.charAt(i)));
                }
            } else {
                bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ByteLevelBpeTokenizer[" + source + ", " + tokens.size() + " tokens, " + mergedId.length
                + " merges, " + added.size() + " added]";
    }
}
