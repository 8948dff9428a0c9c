package attendfirst.tokenizer;

import java.util.OptionalInt;

/** Text to token ids and back, with ids equal to HF transformers' for the same vocabulary. */
public interface Tokenizer {

    /** Encodes with the model's own BOS policy ({@link #addsBos()}). */
    default Encoding encode(String text) {
        return encode(text, addsBos());
    }

    /** Encodes; {@code addBos} prepends the BOS token with span (0, 0). */
    Encoding encode(String text, boolean addBos);

    /** Decodes every id, special ones included (BOS and EOS come out as their text, e.g. "<bos>"). */
    String decode(int[] ids);

    /** The vocabulary entry for {@code id} as the file spells it. */
    String tokenText(int id);

    int vocabSize();

    OptionalInt bosId();

    int eosId();

    /** Whether {@link #encode(String)} prepends BOS, as the model's tokenizer config says. */
    boolean addsBos();
}
