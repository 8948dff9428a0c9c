package attendfirst.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The golden files written by tools/tokenizer_golden.py (GGUF models) and tools/tokenizer_train_tiny.py (tiny HF). */
final class GoldenCases {

    /** One test string with HF's answer for it. */
    record Case(String text, int[] ids, int[] start, int[] end, String decoded, boolean roundTrips) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            text.codePoints().forEach(cp -> sb.append(Character.isISOControl(cp) || Character.isWhitespace(cp) && cp != ' '
                    ? String.format("\\u%04X", cp) : new String(Character.toChars(cp))));
            String shown = sb.toString();
            return '"' + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + '"';
        }
    }

    record Golden(JsonObject header, List<Case> cases) {
    }

    private GoldenCases() {
    }

    static Golden load(String resource) {
        var in = GoldenCases.class.getResourceAsStream("/tokenizer/" + resource);
        if (in == null) {
            throw new IllegalStateException("test resource tokenizer/" + resource + " is missing");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
            List<Case> cases = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("cases")) {
                JsonObject c = e.getAsJsonObject();
                JsonArray offsets = c.getAsJsonArray("offsets");
                int[] start = new int[offsets.size()];
                int[] end = new int[offsets.size()];
                for (int i = 0; i < offsets.size(); i++) {
                    start[i] = offsets.get(i).getAsJsonArray().get(0).getAsInt();
                    end[i] = offsets.get(i).getAsJsonArray().get(1).getAsInt();
                }
                cases.add(new Case(c.get("text").getAsString(), ints(c.getAsJsonArray("ids")), start, end,
                        c.get("decoded").getAsString(), c.get("roundTrips").getAsBoolean()));
            }
            root.remove("cases");
            return new Golden(root, cases);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read tokenizer/" + resource, e);
        }
    }

    static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
