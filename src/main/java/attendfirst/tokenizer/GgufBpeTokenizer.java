package attendfirst.tokenizer;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the two BPE tokenizers built from a GGUF vocabulary share: the vocabulary as the file spells it, its
 * special ids and BOS policy, and the added tokens. Each subclass brings its own merges and byte handling.
 */
abstract class GgufBpeTokenizer implements Tokenizer {
    protected final String source;
    protected final List<String> tokens;
    protected final AddedTokens added = new AddedTokens();
    private final OptionalInt bosId;
    private final int eosId;
    private final boolean addsBos;

    /** {@code addsBosUnlessSaid}: the BOS policy of a file without tokenizer.ggml.add_bos_token. */
    GgufBpeTokenizer(GgufVocabulary v, boolean addsBosUnlessSaid) {
        this.source = v.source();
        this.tokens = List.copyOf(v.tokens());
        this.bosId = v.bosId();
        this.eosId = v.eosId();
        this.addsBos = v.addBos().orElse(addsBosUnlessSaid);
    }

    /**
     * BOS (span (0, 0)) when {@code addBos}, then each added token of the text as itself and each stretch between
     * them through {@link #encodeStretch}.
     */
    @Override
    public final Encoding encode(String text, boolean addBos) {
        EncodingBuilder out = new EncodingBuilder();
        if (addBos) {
            out.add(bosId.orElseThrow(() -> new IllegalStateException(source + ": BOS requested but "
                    + GgufVocabulary.BOS + " is absent")), 0, 0);
        }
        for (AddedTokens.Segment segment : added.split(text)) {
            if (segment.isAdded()) {
                out.add(segment.id(), segment.start(), segment.end());
            } else {
                encodeStretch(text, segment.start(), segment.end(), out);
            }
        }
        return out.build();
    }

    /** Encodes text[from, to), a stretch without added tokens, into {@code out}. */
    protected abstract void encodeStretch(String text, int from, int to, EncodingBuilder out);

    protected final int checkId(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException(source + ": token id " + id + " outside vocabulary of " + tokens.size());
        }
        return id;
    }

    @Override
    public String tokenText(int id) {
        return tokens.get(checkId(id));
    }

    @Override
    public int vocabSize() {
        return tokens.size();
    }

    @Override
    public OptionalInt bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public boolean addsBos() {
        return addsBos;
    }
}
