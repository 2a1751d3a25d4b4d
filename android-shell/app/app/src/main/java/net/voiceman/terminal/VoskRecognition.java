package net.voiceman.terminal;

import android.content.Context;
import android.util.Log;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.vosk.Model;
import org.vosk.Recognizer;
import org.vosk.android.RecognitionListener;
import org.vosk.android.SpeechService;
import org.vosk.android.StorageService;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vosk, the offline grammar recogniser: each listen gets a Recognizer built from the ask's phrases
 * as a JSON list plus "[unk]" (anything else). Vosk refuses a grammar with words its model lacks,
 * so such phrases are dropped (logged). Models live in assets/vosk/<language>/ and are copied to
 * files once (StorageService.unpack), as Vosk reads a model from a file path.
 */
final class VoskRecognition implements Recognition {
    private static final String TAG = "VoskRecognition";
    private static final float SAMPLE_RATE = 16000f;
    private final Map<String, Model> models = new HashMap<>();
    private SpeechService service;
    private Recognizer recognizer;
    private Callback pending;

    /** Unpacks the models found in assets (en, ru); `ready` runs when at least one is loaded. */
    static void load(Context context, Runnable ready, Runnable none) {
        VoskRecognition v = INSTANCE;
        final int[] left = {LANGUAGES.length};
        for (String lang : LANGUAGES) {
            StorageService.unpack(context, "vosk/" + lang, "vosk-" + lang, model -> {
                v.models.put(lang, model);
                if (--left[0] == 0) (v.models.isEmpty() ? none : ready).run();
            }, error -> {
                Log.i(TAG, "no Vosk model for " + lang + ": " + error.getMessage());
                if (--left[0] == 0) (v.models.isEmpty() ? none : ready).run();
            });
        }
    }

    static final String[] LANGUAGES = {"en", "ru"};
    static final VoskRecognition INSTANCE = new VoskRecognition();

    private VoskRecognition() {}

    boolean hasModel(String language) {
        return models.containsKey(language);
    }

    @Override
    public String name() {
        return "vosk";
    }

    @Override
    public void listen(String language, List<String> phrases, int timeoutMs, Callback callback) {
        if (pending != null) {
            callback.heard(Heard.error("busy", "already listening"));
            return;
        }
        Model model = models.get(language);
        if (model == null) {
            callback.heard(Heard.error("engine", "no Vosk model for " + language));
            return;
        }
        JSONArray grammar = new JSONArray();
        for (String p : phrases) {
            if (inModel(model, p)) grammar.put(p);
            else Log.w(TAG, "phrase not in the " + language + " model, dropped: " + p);
        }
        grammar.put("[unk]");
        try {
            recognizer = new Recognizer(model, SAMPLE_RATE, grammar.toString());
            recognizer.setWords(true);
            recognizer.setMaxAlternatives(0);
            service = new SpeechService(recognizer, SAMPLE_RATE);
        } catch (IOException e) {
            callback.heard(Heard.error("engine", "Vosk: " + e.getMessage()));
            return;
        }
        pending = callback;
        service.startListening(new Listener(), timeoutMs);
    }

    private static boolean inModel(Model model, String phrase) {
        for (String word : phrase.trim().split("\\s+")) {
            if (!word.isEmpty() && model.findWord(word) < 0) return false;
        }
        return true;
    }

    private void finish(JSONObject heard) {
        Callback cb = pending;
        pending = null;
        if (service != null) {
            service.stop();
            service.shutdown();
            service = null;
        }
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
        if (cb != null) cb.heard(heard);
    }

    @Override
    public void cancel() {
        finish(Heard.error("cancelled", "cancelled"));
    }

    @Override
    public void close() {
        cancel();
        for (Model m : models.values()) m.close();
        models.clear();
    }

    /** Vosk's result JSON: {"text": "...", "result": [{"word", "conf"}...]}; "[unk]" or "" = no match. */
    static JSONObject fromResult(String json) {
        try {
            JSONObject r = new JSONObject(json);
            String text = r.optString("text", "").trim();
            JSONArray words = r.optJSONArray("result");
            if (text.isEmpty()) return null;
            if (text.contains("[unk]")) return Heard.speech("", 0, null);
            double sum = 0;
            int n = 0;
            if (words != null) {
                for (int i = 0; i < words.length(); i++) {
                    sum += words.getJSONObject(i).optDouble("conf", 1);
                    n++;
                }
            }
            return Heard.speech(text, n == 0 ? 1 : sum / n, null);
        } catch (JSONException e) {
            return Heard.error("engine", "unreadable Vosk result");
        }
    }

    private final class Listener implements RecognitionListener {
        @Override public void onPartialResult(String hypothesis) {}

        @Override
        public void onResult(String hypothesis) {
            JSONObject heard = fromResult(hypothesis);
            // An empty result is a pause before speech: keep listening until the timeout.
            if (heard != null) finish(heard);
        }

        @Override
        public void onFinalResult(String hypothesis) {
            JSONObject heard = fromResult(hypothesis);
            finish(heard != null ? heard : Heard.silence());
        }

        @Override
        public void onError(Exception exception) {
            finish(Heard.error("engine", "Vosk: " + exception.getMessage()));
        }

        @Override
        public void onTimeout() {
            finish(Heard.silence());
        }
    }
}
