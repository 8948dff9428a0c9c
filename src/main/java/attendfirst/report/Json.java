package attendfirst.report;

import attendfirst.claim.Estimate;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Strict getters for the report's JSON inputs: a missing or mistyped field is an error naming file and key. */
final class Json {

    private Json() {
    }

    static JsonElement required(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + key + "'");
        }
        return e;
    }

    static String string(JsonObject o, String key, String where) {
        JsonElement e = required(o, key, where);
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException(where + ": field '" + key + "' must be a string, got " + e);
        }
        return e.getAsString();
    }

    static String optString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static double number(JsonObject o, String key, String where) {
        JsonElement e = required(o, key, where);
        try {
            return e.getAsDouble();
        } catch (RuntimeException bad) {
            throw new IllegalArgumentException(where + ": field '" + key + "' must be a number, got " + e, bad);
        }
    }

    static int integer(JsonObject o, String key, String where) {
        double d = number(o, key, where);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(where + ": field '" + key + "' must be an integer, got " + d);
        }
        return (int) d;
    }

    static JsonArray array(JsonObject o, String key, String where) {
        JsonElement e = required(o, key, where);
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException(where + ": field '" + key + "' must be an array, got " + e);
        }
        return e.getAsJsonArray();
    }

    static JsonObject object(JsonObject o, String key, String where) {
        JsonElement e = required(o, key, where);
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": field '" + key + "' must be an object, got " + e);
        }
        return e.getAsJsonObject();
    }

    static int[] ints(JsonObject o, String key, String where) {
        JsonArray a = array(o, key, where);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    /** {"point": p, "lower": l, "upper": u} */
    static Estimate estimate(JsonObject o, String key, String where) {
        JsonObject e = object(o, key, where);
        String at = where + "." + key;
        return new Estimate(number(e, "point", at), number(e, "lower", at), number(e, "upper", at));
    }

    /** {"point": [...], "lower": [...], "upper": [...]} of equal length */
    static Estimate[] estimates(JsonObject o, String key, String where) {
        JsonObject e = object(o, key, where);
        String at = where + "." + key;
        JsonArray p = array(e, "point", at);
        JsonArray l = array(e, "lower", at);
        JsonArray u = array(e, "upper", at);
        if (p.size() != l.size() || p.size() != u.size()) {
            throw new IllegalArgumentException(at + ": point/lower/upper have lengths " + p.size() + "/" + l.size()
                    + "/" + u.size());
        }
        Estimate[] out = new Estimate[p.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Estimate(p.get(i).getAsDouble(), l.get(i).getAsDouble(), u.get(i).getAsDouble());
        }
        return out;
    }
}
