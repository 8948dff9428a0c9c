package attendfirst.tokenizer;

import java.util.PriorityQueue;

/**
 * The BPE merge loop shared by both tokenizers: repeatedly merge the adjacent pair with the best
 * (lowest) rank, the leftmost one on ties, until no adjacent pair has a rank. This is the order HF
 * tokenizers' BPE model applies merges in. A priority queue keeps a long word (Gemma's whole text
 * between added tokens is one word) at O(n log n); stale queue entries are recognised by re-ranking.
 */
final class BpeMerger {

    /** How a vocabulary ranks merges. */
    interface Ranks {
        /** Rank of merging {@code left} then {@code right} (lower merges first), or -1 if they do not merge. */
        long rank(int left, int right);

        /** The id of the merged token, given the rank {@link #rank} returned for this pair. */
        int mergedId(int left, int right, long rank);
    }

    /** Symbols of one word: parallel arrays, filled by the caller, merged in place. */
    static final class Word {
        int[] id;
        int[] start;
        int[] end;
        int size;

        Word(int capacity) {
            id = new int[Math.max(capacity, 1)];
            start = new int[id.length];
            end = new int[id.length];
        }

        void add(int tokenId, int spanStart, int spanEnd) {
            if (size == id.length) {
                int n = size * 2;
                id = java.util.Arrays.copyOf(id, n);
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
            }
            id[size] = tokenId;
            start[size] = spanStart;
            end[size] = spanEnd;
            size++;
        }
    }

    private BpeMerger() {
    }

    /** Merges {@code word} and appends the resulting tokens to {@code out}. */
    static void merge(Word word, Ranks ranks, EncodingBuilder out) {
        int n = word.size;
        int[] next = new int[n];
        int[] prev = new int[n];
        boolean[] gone = new boolean[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        // entry = {rank, position of the left symbol}; positions never move, so pos orders left to right
        PriorityQueue<long[]> queue = new PriorityQueue<>(Math.max(n, 1),
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int i = 0; i + 1 < n; i++) {
            offer(queue, ranks, word.id, i, i + 1);
        }
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int left = (int) top[1];
            int right = gone[left] ? -1 : next[left];
            if (right < 0 || ranks.rank(word.id[left], word.id[right]) != top[0]) {
                continue; // a merge since this entry was queued changed one of its symbols
            }
            word.id[left] = ranks.mergedId(word.id[left], word.id[right], top[0]);
            word.end[left] = Math.max(word.end[left], word.end[right]);
            word.start[left] = Math.min(word.start[left], word.start[right]);
            gone[right] = true;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            if (prev[left] >= 0) {
                offer(queue, ranks, word.id, prev[left], left);
            }
            if (next[left] >= 0) {
                offer(queue, ranks, word.id, left, next[left]);
            }
        }
        for (int i = 0; i >= 0 && n > 0; i = next[i]) {
            out.add(word.id[i], word.start[i], word.end[i]);
        }
    }

    private static void offer(PriorityQueue<long[]> queue, Ranks ranks, int[] ids, int left, int right) {
        long rank = ranks.rank(ids[left], ids[right]);
        if (rank >= 0) {
            queue.add(new long[] {rank, left});
        }
    }
}
