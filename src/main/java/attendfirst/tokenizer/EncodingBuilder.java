package attendfirst.tokenizer;

import java.util.Arrays;

/** Growable id/span arrays behind an {@link Encoding}. */
final class EncodingBuilder {
    private int[] ids = new int[16];
    private int[] start = new int[16];
    private int[] end = new int[16];
    private int size;

    void add(int id, int spanStart, int spanEnd) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            start = Arrays.copyOf(start, size * 2);
            end = Arrays.copyOf(end, size * 2);
        }
        ids[size] = id;
        start[size] = spanStart;
        end[size] = spanEnd;
        size++;
    }

    Encoding build() {
        return new Encoding(Arrays.copyOf(ids, size), Arrays.copyOf(start, size), Arrays.copyOf(end, size));
    }
}
