package attendfirst.tokenizer;

/**
 * Token ids of one text with the span each token came from.
 *
 * @param ids   token ids, in order
 * @param start start of each token's span in the input String (UTF-16 index, inclusive)
 * @param end   end of each token's span (UTF-16 index, exclusive). A token the tokenizer added
 *              (BOS) has {@code start == end == 0}; a token holding only some bytes of a multi-byte
 *              character gets that whole character's span.
 */
public record Encoding(int[] ids, int[] start, int[] end) {

    public Encoding {
        if (ids.length != start.length || ids.length != end.length) {
            throw new IllegalArgumentException("Encoding arrays differ in length: ids " + ids.length
                    + ", start " + start.length + ", end " + end.length);
        }
    }

    public int size() {
        return ids.length;
    }
}
