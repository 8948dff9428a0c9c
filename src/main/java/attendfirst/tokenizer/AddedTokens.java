package attendfirst.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens matched whole in the raw text before any normalisation or BPE (control tokens such as
 * {@code <|im_start|>}, user-defined ones such as Gemma's {@code "\n"}). Like HF tokenizers'
 * added vocabulary with {@code normalized=false}: leftmost match wins, and of the matches starting
 * there the longest.
 */
final class AddedTokens {

    /** A piece of the input: either an added token ({@code id >= 0}) or plain text ({@code id == -1}). */
    record Segment(int start, int end, int id) {
        boolean isAdded() {
            return id >= 0;
        }
    }

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        int id = -1;
    }

    private final Node root = new Node();
    private final Map<Integer, String> contentById = new HashMap<>();

    void add(String content, int id) {
        if (content.isEmpty()) {
            return;
        }
        Node node = root;
        for (int i = 0; i < content.length(); i++) {
            node = node.children.computeIfAbsent(content.charAt(i), c -> new Node());
        }
        node.id = id;
        contentById.put(id, content);
    }

    boolean isAdded(int id) {
        return contentById.containsKey(id);
    }

    String content(int id) {
        return contentById.get(id);
    }

    int size() {
        return contentById.size();
    }

    /** Splits {@code text} into added tokens and the plain stretches between them. */
    List<Segment> split(String text) {
        List<Segment> segments = new ArrayList<>();
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            int matchEnd = -1;
            int matchId = -1;
            Node node = root;
            for (int j = i; j < text.length(); j++) {
                node = node.children.get(text.charAt(j));
                if (node == null) {
                    break;
                }
                if (node.id >= 0) {
                    matchEnd = j + 1;
                    matchId = node.id;
                }
            }
            if (matchId < 0) {
                i++;
                continue;
            }
            if (plainStart < i) {
                segments.add(new Segment(plainStart, i, -1));
            }
            segments.add(new Segment(i, matchEnd, matchId));
            i = matchEnd;
            plainStart = i;
        }
        if (plainStart < text.length()) {
            segments.add(new Segment(plainStart, text.length(), -1));
        }
        return segments;
    }
}
