package attendfirst.io.safetensors;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** RFC 8259 JSON parsing: Gson's JsonParser is lenient and would accept unquoted names, leading zeros etc. */
final class StrictJson {
    private static final TypeAdapter<JsonElement> JSON_ELEMENT = new Gson().getAdapter(JsonElement.class);

    private StrictJson() {
    }

    /** The parsed document; a syntax error or trailing data throws JsonParseException with Gson's location. */
    static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JSON_ELEMENT.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("data after the JSON value at " + reader.getPath());
            }
            return root;
        } catch (IOException | IllegalStateException e) { // MalformedJsonException, EOFException, bad token
            throw new JsonParseException(e.getMessage(), e);
        }
    }
}
