package attendfirst.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SentencePiece BPE (tokenizer.ggml.model = llama), the way HF transformers builds it from a GGUF:
 * added tokens are cut out of the raw text first; in each remaining stretch every space becomes '▁'
 * (U+2581) and the whole stretch is one BPE word; each character starts as its own token, or as its
 * UTF-8 bytes {@code <0xNN>} when the vocabulary lacks it (byte fallback); then adjacent tokens
 * whose concatenation is in the vocabulary merge, best merge first.
 *
 * <p>The GGUF has no merge list. transformers derives one from the vocabulary: a pair (a, b) may
 * merge iff a, b and a+b are all tokens, ordered by the merged token's priority, then the longer
 * left part, then the longer right part, then file order. For Gemma the priority is the token's
 * position in the file (its merge order; Gemma's scores do not follow it); for other
 * architectures it is the score, highest first. Ranks are computed on demand from that rule, so
 * no list of half a million merges is built.
 *
 * <p>Architecture switches, as in transformers: Gemma (GemmaTokenizer) stores tokens made only of
 * spaces with real spaces ("  ") and transformers respells them as '▁' runs so merges can reach
 * them. Other architectures (LlamaTokenizer) put a '▁' in front of a text that does not start with
 * a space (Metaspace, prepend_scheme "first": only the stretch at the very start of the input) and
 * decode with one leading space removed. Both ignore tokenizer.ggml.add_space_prefix, as
 * transformers does (llama.cpp honours it; for Gemma 3 it is false, so the two agree).
 */
final class SentencePieceBpeTokenizer extends GgufBpeTokenizer {

    private static final char SPACE_MARK = '\u2581';
    private static final int MAX_TOKENS = 1 << 20;   // ids and priorities take 20 bits of a merge rank
    private static final int MAX_PART = (1 << 10) - 1; // part lengths take 10 bits each

    private final String[] spelled;          // entry as the BPE sees it (space runs respelled), index = id
    private final Map<String, Integer> vocab;
    private final int[] priority;            // of a merged token: lower merges earlier
    private final int[] codePoints;          // length of each spelled entry in code points (Python's len)
    private final boolean dummyPrefix;       // LlamaTokenizer's '▁' in front and leading-space strip on decode
    private final int[] byteId = new int[256];
    private final int unkId;

    SentencePieceBpeTokenizer(GgufVocabulary v) {
        super(v, true); // transformers: a llama-type GGUF without the flag adds BOS
        int n = tokens.size();
        boolean gemma = v.architecture().startsWith("gemma");
        this.dummyPrefix = !gemma;
        if (n > MAX_TOKENS) {
            throw new TokenizerFormatException(source + ": " + GgufVocabulary.TOKENS + " has " + n
                    + " tokens; SentencePiece merge ranks here hold at most " + MAX_TOKENS);
        }
        codePoints = new int[n];
        spelled = new String[n];
        vocab = new HashMap<>(n * 2);
        for (int id = 0; id < n; id++) {
            String t = tokens.get(id);
            spelled[id] = gemma && isSpaceRun(t) ? String.valueOf(SPACE_MARK).repeat(t.codePointCount(0, t.length())) : t;
            vocab.put(spelled[id], id); // a repeated entry resolves to its last id, as in transformers' dict
            codePoints[id] = spelled[id].codePointCount(0, spelled[id].length());
        }
        priority = gemma ? positions(n) : scoreGroups(v);
        for (int b = 0; b < 256; b++) {
            byteId[b] = vocab.getOrDefault(String.format("<0x%02X>", b), -1);
        }
        this.unkId = v.unkId().orElse(-1);
        for (int id = 0; id < n; id++) {
            // control tokens are special added tokens; user-defined ones are added only when the
            // vocabulary spells them the same (the respelled space runs are left to the merges)
            int type = v.tokenType(id);
            String t = tokens.get(id);
            if (type == GgufVocabulary.TYPE_CONTROL
                    || (type == GgufVocabulary.TYPE_USER_DEFINED && vocab.containsKey(t))) {
                added.add(t, vocab.getOrDefault(t, id));
            }
        }
    }

    private static boolean isSpaceRun(String t) {
        if (t.indexOf(' ') < 0) {
            return false;
        }
        return t.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }

    private static int[] positions(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** Each token's score rank, highest first; equal scores share a rank (ties go to part lengths, then id). */
    private static int[] scoreGroups(GgufVocabulary v) {
        float[] scores = v.scores();
        if (scores == null) {
            throw new TokenizerFormatException(v.source() + ": metadata key " + GgufVocabulary.SCORES
                    + " is missing; SentencePiece BPE orders its merges by it");
        }
        float[] sorted = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            sorted[i] = scores[i] + 0.0f; // -0.0 becomes 0.0: Python's sort treats them as equal
        }
        java.util.Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        int[] group = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int ascending = java.util.Arrays.binarySearch(sorted, 0, distinct, scores[i] + 0.0f);
            group[i] = distinct - 1 - ascending; // 0 for the highest score
        }
        return group;
    }

    /**
     * Rank = (priority of the merged token, longer left part first, longer right part first, merged id),
     * packed 20/10/10/20 bits so that a smaller long merges earlier.
     */
    private final BpeMerger.Ranks ranks = new BpeMerger.Ranks() {
        @Override
        public long rank(int left, int right) {
            if (left < 0 || right < 0) {
                return -1;
            }
            Integer merged = vocab.get(spelled[left].concat(spelled[right]));
            if (merged == null) {
                return -1;
            }
            long leftPart = MAX_PART - Math.min(codePoints[left], MAX_PART);
            long rightPart = MAX_PART - Math.min(codePoints[right], MAX_PART);
            return ((long) priority[merged] << 40) | (leftPart << 30) | (rightPart << 20) | merged;
        }

        @Override
        public int mergedId(int left, int right, long rank) {
            return (int) (rank & (MAX_TOKENS - 1));
        }
    };

    /** One stretch as SentencePiece's BPE sees it: spaces as '▁', unknown characters as byte tokens. */
    @Override
    protected void encodeStretch(String text, int from, int to, EncodingBuilder out) {
        BpeMerger.Word word = new BpeMerger.Word(to - from + 1);
        byte[] buf = new byte[4];
        boolean lastWasUnk = false;
        int first = text.codePointAt(from);
        if (dummyPrefix && from == 0 && first != ' ' && first != SPACE_MARK) {
            // Metaspace "first": a '▁' before the text's first stretch, spanning its first character
            Integer mark = vocab.get(String.valueOf(SPACE_MARK));
            if (mark != null) {
                word.add(mark, from, from + Character.charCount(first));
            } else {
                addBytes(SPACE_MARK, buf, word, from, from + Character.charCount(first));
            }
        }
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            Integer id = vocab.get(cp == ' ' ? String.valueOf(SPACE_MARK) : new String(Character.toChars(cp)));
            if (id != null) {
                word.add(id, i, next);
                lastWasUnk = false;
            } else if (!addBytes(cp, buf, word, i, next)) {
                if (unkId < 0) {
                    throw new IllegalArgumentException(source + ": character U+" + Integer.toHexString(cp).toUpperCase()
                            + " has no token, no byte-fallback tokens and the vocabulary has no unknown token");
                }
                if (lastWasUnk) {
                    word.end[word.size - 1] = next; // consecutive unknowns fuse into one, as HF's fuse_unk
                } else {
                    word.add(unkId, i, next);
                }
                lastWasUnk = true;
                i = next;
                continue;
            }
            lastWasUnk = false;
            i = next;
        }
        BpeMerger.merge(word, ranks, out);
    }

    /** Byte fallback: the character as {@code <0xNN>} tokens, each spanning the whole character. */
    private boolean addBytes(int cp, byte[] buf, BpeMerger.Word word, int from, int to) {
        int len = Utf8.encode(cp, buf);
        for (int k = 0; k < len; k++) {
            if (byteId[buf[k] & 0xFF] < 0) {
                return false;
            }
        }
        for (int k = 0; k < len; k++) {
            word.add(byteId[buf[k] & 0xFF], from, to);
        }
        return true;
    }

    /** Each token's text with '▁' as a space; runs of {@code <0xNN>} are joined into their UTF-8 text. */
    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        byte[] pending = new byte[16];
        int pendingCount = 0;
        for (int id : ids) {
            String t = added.isAdded(id) ? added.content(id) : spelled[checkId(id)];
            int b = byteToken(t);
            if (b >= 0) {
                if (pendingCount == pending.length) {
                    pending = java.util.Arrays.copyOf(pending, pendingCount * 2);
                }
                pending[pendingCount++] = (byte) b;
                continue;
            }
            flushBytes(sb, pending, pendingCount);
            pendingCount = 0;
            sb.append(t.replace(SPACE_MARK, ' '));
        }
        flushBytes(sb, pending, pendingCount);
        if (dummyPrefix && sb.length() > 0 && sb.charAt(0) == ' ') {
            sb.deleteCharAt(0); // the Strip decoder undoing the '▁' put in front
        }
        return sb.toString();
    }

    /** Like HF's ByteFallback decoder: invalid UTF-8 gives one U+FFFD per byte. */
    private static void flushBytes(StringBuilder sb, byte[] bytes, int count) {
        if (count == 0) {
            return;
        }
        Utf8.decodeStrict(bytes, count).ifPresentOrElse(sb::append, () -> sb.append("\uFFFD".repeat(count)));
    }

    /** The byte of a {@code <0xNN>} token, else -1. */
    private static int byteToken(String t) {
        if (t.length() != 6 || !t.startsWith("<0x") || t.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(t.charAt(3), 16);
        int lo = Character.digit(t.charAt(4), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    @Override
    public String toString() {
        return "SentencePieceBpeTokenizer[" + source + ", " + tokens.size() + " tokens, " + added.size() + " added]";
    }
}
