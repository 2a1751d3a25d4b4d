package net.voiceman.terminal;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/** The bridge's `heard` objects (android-shell/bridge.md). */
final class Heard {
    private Heard() {}

    static JSONObject silence() {
        return obj("silence");
    }

    static JSONObject error(String code, String message) {
        try {
            return obj("error").put("code", code).put("message", message);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    static JSONObject speech(String text, double confidence, JSONArray alternatives) {
        try {
            return obj("speech").put("text", text).put("confidence", confidence).put("alternatives", alternatives == null ? new JSONArray() : alternatives);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JSONObject obj(String kind) {
        try {
            return new JSONObject().put("kind", kind);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }
}
