package attendfirst.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.OptionalInt;

/**
 * A HF tokenizer.json run by DJL's native HuggingFace tokenizers. DJL encodes without special
 * tokens; BOS is added here by the policy of tokenizer_config.json ("add_bos_token"), or, when the
 * config does not say, by whether tokenizer.json's post-processor puts the BOS token in front of a
 * text. Without a bos_token in the config, the token the post-processor puts first (if any) is BOS.
 * The vocabulary itself is read from tokenizer.json for {@link #tokenText} and the BOS/EOS ids.
 */
final class HfDirectoryTokenizer implements Tokenizer {

    private final Path dir;
    private final HuggingFaceTokenizer djl;
    private final String[] texts;        // index = id
    private final OptionalInt bosId;
    private final OptionalInt eosId;
    private final boolean addsBos;

    private HfDirectoryTokenizer(Path dir, HuggingFaceTokenizer djl, String[] texts, OptionalInt bosId,
            OptionalInt eosId, boolean addsBos) {
        this.dir = dir;
        this.djl = djl;
        this.texts = texts;
        this.bosId = bosId;
        this.eosId = eosId;
        this.addsBos = addsBos;
    }

    static HfDirectoryTokenizer open(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(json)) {
            throw new TokenizerFormatException("HF tokenizer directory " + dir + " has no tokenizer.json");
        }
        Map<String, Integer> ids = readVocabulary(json);
        int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] texts = new String[size];
        ids.forEach((text, id) -> texts[id] = text);

        JsonObject config = readConfig(dir.resolve("tokenizer_config.json"));
        OptionalInt bos = tokenId(config, "bos_token", ids, dir);
        OptionalInt eos = tokenId(config, "eos_token", ids, dir);
        HuggingFaceTokenizer djl;
        try {
            // DJL truncates to 512 tokens unless told not to; a prompt must never be cut silently
            djl = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new TokenizerFormatException("HF tokenizer " + json + " could not be loaded by DJL: " + e.getMessage(), e);
        }
        // what tokenizer.json's post-processor puts in front of a text, if anything
        long[] withSpecial = djl.encode("a", true, false).getIds();
        long[] plain = djl.encode("a", false, false).getIds();
        OptionalInt leading = withSpecial.length > plain.length && withSpecial.length > 0
                && (plain.length == 0 || withSpecial[0] != plain[0])
                ? OptionalInt.of(Math.toIntExact(withSpecial[0])) : OptionalInt.empty();
        if (bos.isEmpty()) {
            bos = leading;
        }
        boolean addsBos;
        if (config.has("add_bos_token") && !config.get("add_bos_token").isJsonNull()) {
            addsBos = config.get("add_bos_token").getAsBoolean();
        } else {
            addsBos = leading.isPresent() && leading.equals(bos);
        }
        if (addsBos && bos.isEmpty()) {
            djl.close();
            throw new TokenizerFormatException(dir + ": tokenizer adds BOS but tokenizer_config.json names no bos_token");
        }
        return new HfDirectoryTokenizer(dir, djl, texts, bos, eos, addsBos);
    }

    /** token -> id from model.vocab (a map for BPE/WordPiece, [piece, score] pairs for Unigram) and added_tokens. */
    private static Map<String, Integer> readVocabulary(Path json) {
        JsonObject root = parse(json);
        Map<String, Integer> ids = new HashMap<>();
        JsonObject model = root.has("model") ? root.getAsJsonObject("model") : null;
        JsonElement vocab = model == null ? null : model.get("vocab");
        if (vocab == null) {
            throw new TokenizerFormatException(json + ": no model.vocab");
        }
        if (vocab.isJsonObject()) {
            for (Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                ids.put(e.getKey(), e.getValue().getAsInt());
            }
        } else {
            var pieces = vocab.getAsJsonArray();
            for (int i = 0; i < pieces.size(); i++) {
                ids.put(pieces.get(i).getAsJsonArray().get(0).getAsString(), i);
            }
        }
        if (root.has("added_tokens")) {
            for (JsonElement t : root.getAsJsonArray("added_tokens")) {
                JsonObject o = t.getAsJsonObject();
                ids.put(o.get("content").getAsString(), o.get("id").getAsInt());
            }
        }
        return ids;
    }

    private static JsonObject readConfig(Path file) {
        return Files.isRegularFile(file) ? parse(file) : new JsonObject();
    }

    private static JsonObject parse(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new TokenizerFormatException(file + " is not a readable JSON object: " + e.getMessage(), e);
        }
    }

    /** The id of the config's bos_token / eos_token, written either as a string or as {"content": ...}. */
    private static OptionalInt tokenId(JsonObject config, String key, Map<String, Integer> ids, Path dir) {
        JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) {
            return OptionalInt.empty();
        }
        String text = e.isJsonObject() ? e.getAsJsonObject().get("content").getAsString() : e.getAsString();
        Integer id = ids.get(text);
        if (id == null) {
            throw new TokenizerFormatException(dir.resolve("tokenizer_config.json") + ": " + key + " '" + text
                    + "' is not in the vocabulary of tokenizer.json");
        }
        return OptionalInt.of(id);
    }

    @Override
    public Encoding encode(String text, boolean addBos) {
        ai.djl.huggingface.tokenizers.Encoding e = djl.encode(text, false, false);
        long[] ids = e.getIds();
        CharSpan[] spans = e.getCharTokenSpans();
        int[] utf16 = Utf16Index.ofCodePoints(text);
        EncodingBuilder out = new EncodingBuilder();
        if (addBos) {
            out.add(bosId.orElseThrow(() -> new IllegalStateException(dir + ": no bos_token for BOS")), 0, 0);
        }
        for (int i = 0; i < ids.length; i++) {
            // DJL reports spans in code points (as Python does); Encoding wants UTF-16 indices
            out.add(Math.toIntExact(ids[i]), utf16[spans[i].getStart()], utf16[spans[i].getEnd()]);
        }
        return out.build();
    }

    @Override
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return djl.decode(longs, false);
    }

    @Override
    public String tokenText(int id) {
        if (id < 0 || id >= texts.length || texts[id] == null) {
            throw new IllegalArgumentException(dir + ": token id " + id + " is not in tokenizer.json");
        }
        return texts[id];
    }

    @Override
    public int vocabSize() {
        return texts.length;
    }

    @Override
    public OptionalInt bosId() {
        return bosId;
    }

    /** @throws IllegalStateException when tokenizer_config.json names no eos_token */
    @Override
    public int eosId() {
        return eosId.orElseThrow(() -> new IllegalStateException(dir + ": no eos_token in tokenizer_config.json"));
    }

    @Override
    public boolean addsBos() {
        return addsBos;
    }
}
