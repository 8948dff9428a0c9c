package attendfirst.task.data;

import attendfirst.task.TaskDataException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the official SQuAD v1.1 JSON ({@code dev-v1.1.json}, {@code train-v1.1.json}):
 * <pre>{ "version": "1.1", "data": [ { "title": ..., "paragraphs": [ { "context": ...,
 *     "qas": [ { "id": ..., "question": ..., "answers": [ { "text": ..., "answer_start": ... } ] } ] } ] } ] }</pre>
 * Every question keeps all its gold answers (the dev set has several per question, metrics take the max).
 */
public final class SquadLoader {

    /** One question; {@code paragraph} numbers the context across the file, so shots can avoid it. */
    public record Question(String id, String context, String question, List<String> answers, int paragraph) {}

    public static final String HOW_TO_GET =
            "SQuAD v1.1 is not downloadable here; fetch dev-v1.1.json from the SQuAD explorer"
                    + " (rajpurkar.github.io/SQuAD-explorer) and pass its path, e.g. squad:200:7:/data/dev-v1.1.json";

    private SquadLoader() {}

    public static List<Question> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TaskDataException("SQuAD file " + file.toAbsolutePath() + " does not exist. " + HOW_TO_GET);
        }
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | IOException e) {
            throw new TaskDataException("SQuAD file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        String where = "SQuAD file " + file;
        JsonArray data = array(object(root, where), "data", where);
        List<Question> questions = new ArrayList<>();
        int paragraphIndex = 0;
        for (int a = 0; a < data.size(); a++) {
            String articleWhere = where + " data[" + a + "]";
            JsonArray paragraphs = array(object(data.get(a), articleWhere), "paragraphs", articleWhere);
            for (int p = 0; p < paragraphs.size(); p++) {
                String paragraphWhere = articleWhere + ".paragraphs[" + p + "]";
                JsonObject paragraph = object(paragraphs.get(p), paragraphWhere);
                String context = string(paragraph, "context", paragraphWhere);
                JsonArray qas = array(paragraph, "qas", paragraphWhere);
                for (int q = 0; q < qas.size(); q++) {
                    String qaWhere = paragraphWhere + ".qas[" + q + "]";
                    JsonObject qa = object(qas.get(q), qaWhere);
                    String id = string(qa, "id", qaWhere);
                    String question = string(qa, "question", qaWhere);
                    JsonArray answers = array(qa, "answers", qaWhere + " (id " + id + ")");
                    List<String> texts = new ArrayList<>();
                    for (int k = 0; k < answers.size(); k++) {
                        texts.add(string(object(answers.get(k), qaWhere + ".answers[" + k + "]"), "text",
                                qaWhere + ".answers[" + k + "] (id " + id + ")"));
                    }
                    if (texts.isEmpty()) {
                        throw new TaskDataException(qaWhere + " (id " + id + ") has no answers; SQuAD v1.1 questions all have"
                                + " at least one (v2.0 unanswerable questions are not supported)");
                    }
                    questions.add(new Question(id, context, question, texts, paragraphIndex));
                }
                paragraphIndex++;
            }
        }
        if (questions.isEmpty()) {
            throw new TaskDataException(where + " contains no questions");
        }
        return List.copyOf(questions);
    }

    private static JsonObject object(JsonElement e, String where) {
        if (e == null || !e.isJsonObject()) {
            throw new TaskDataException(where + ": expected a JSON object, found " + describe(e));
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null) {
            throw new TaskDataException(where + ": missing field '" + key + "' (expected an array)");
        }
        if (!e.isJsonArray()) {
            throw new TaskDataException(where + ": field '" + key + "' should be an array, found " + describe(e));
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null) {
            throw new TaskDataException(where + ": missing field '" + key + "' (expected a string)");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new TaskDataException(where + ": field '" + key + "' should be a string, found " + describe(e));
        }
        return e.getAsString();
    }

    private static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        return e.isJsonArray() ? "an array" : e.isJsonObject() ? "an object" : "the value " + e;
    }
}
