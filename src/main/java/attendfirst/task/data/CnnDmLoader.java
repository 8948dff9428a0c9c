package attendfirst.task.data;

import attendfirst.task.TaskDataException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads CNN/DailyMail in the two common exports: CSV with a header naming at least {@code article}
 * and {@code highlights} (the Kaggle / Hugging Face CSV also has {@code id}), or JSONL with one object
 * per line holding those fields. The format is chosen by the file extension (.csv, .jsonl, .json).
 */
public final class CnnDmLoader {

    public record Item(String id, String article, String highlights) {}

    public static final String HOW_TO_GET =
            "CNN/DailyMail is not downloadable here; export the test split (e.g. the 3.0.0 version) as CSV with columns"
                    + " id,article,highlights or as JSONL with fields article and highlights, and pass its path,"
                    + " e.g. cnndm:20:7:/data/cnndm_test.csv";

    private CnnDmLoader() {}

    public static List<Item> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TaskDataException("CNN/DailyMail file " + file.toAbsolutePath() + " does not exist. " + HOW_TO_GET);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskDataException("cannot read CNN/DailyMail file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Item> items;
        if (name.endsWith(".csv")) {
            items = fromCsv(text, "CNN/DailyMail CSV " + file);
        } else if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            items = fromJsonl(text, "CNN/DailyMail JSONL " + file);
        } else {
            throw new TaskDataException("CNN/DailyMail file " + file + " has an unknown extension; expected .csv or .jsonl");
        }
        if (items.isEmpty()) {
            throw new TaskDataException("CNN/DailyMail file " + file + " contains no records");
        }
        return items;
    }

    static List<Item> fromCsv(String text, String source) {
        List<CsvReader.Record> records = CsvReader.parse(text, source);
        if (records.isEmpty()) {
            throw new TaskDataException(source + " is empty; expected a header with article and highlights");
        }
        List<String> header = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int article = header.indexOf("article");
        int highlights = header.indexOf("highlights");
        int id = header.indexOf("id");
        if (article < 0 || highlights < 0) {
            throw new TaskDataException(source + " line 1: header " + header + " lacks "
                    + (article < 0 ? "'article'" : "") + (article < 0 && highlights < 0 ? " and " : "")
                    + (highlights < 0 ? "'highlights'" : "") + "; expected columns id,article,highlights");
        }
        List<Item> items = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CsvReader.Record rec = records.get(r);
            if (rec.fields().size() != header.size()) {
                throw new TaskDataException(source + " record starting at line " + rec.line() + " has "
                        + rec.fields().size() + " fields, the header has " + header.size());
            }
            String itemId = id >= 0 ? rec.fields().get(id) : "line" + rec.line();
            items.add(new Item(itemId, nonBlank(rec.fields().get(article), "article", source, rec.line()),
                    nonBlank(rec.fields().get(highlights), "highlights", source, rec.line())));
        }
        return items;
    }

    static List<Item> fromJsonl(String text, String source) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            JsonElement e;
            try {
                e = JsonParser.parseString(lines[i]);
            } catch (JsonParseException ex) {
                throw new TaskDataException(source + " line " + line + ": not valid JSON: " + ex.getMessage(), ex);
            }
            if (!e.isJsonObject()) {
                throw new TaskDataException(source + " line " + line + ": expected a JSON object with article and highlights");
            }
            JsonObject o = e.getAsJsonObject();
            String itemId = o.has("id") && o.get("id").isJsonPrimitive() ? o.get("id").getAsString() : "line" + line;
            items.add(new Item(itemId, nonBlank(field(o, "article", source, line), "article", source, line),
                    nonBlank(field(o, "highlights", source, line), "highlights", source, line)));
        }
        return items;
    }

    private static String field(JsonObject o, String key, String source, int line) {
        JsonElement e = o.get(key);
        if (e == null) {
            throw new TaskDataException(source + " line " + line + ": missing field '" + key + "'");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new TaskDataException(source + " line " + line + ": field '" + key + "' should be a string");
        }
        return e.getAsString();
    }

    private static String nonBlank(String value, String key, String source, int line) {
        if (value.isBlank()) {
            throw new TaskDataException(source + " line " + line + ": field '" + key + "' is empty");
        }
        return value;
    }
}
