package net.voiceman.terminal;

import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.os.Handler;
import android.os.Looper;
import android.speech.RecognitionListener;
import android.speech.RecognizerIntent;
import android.speech.SpeechRecognizer;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Android's SpeechRecognizer. On Android 10 it cannot be constrained to the grammar
 * (EXTRA_BIASING_STRINGS needs API 33): it hears free text and the runtime matches it against the
 * vocabulary. Silence: ERROR_SPEECH_TIMEOUT, and ERROR_NO_MATCH when no speech began (recent
 * recognisers report silence that way); NO_MATCH after speech began is a no-match (empty text).
 */
final class AndroidRecognition implements Recognition {
    private final Context context;
    private final Handler main = new Handler(Looper.getMainLooper());
    private SpeechRecognizer recognizer;
    private Callback pending;
    private boolean speechBegan;
    private Runnable timeout;

    AndroidRecognition(Context context) {
        this.context = context;
    }

    static boolean available(Context context) {
        return SpeechRecognizer.isRecognitionAvailable(context);
    }

    @Override
    public String name() {
        return "android";
    }

    @Override
    public void listen(String language, List<String> phrases, int timeoutMs, Callback callback) {
        if (pending != null) {
            callback.heard(Heard.error("busy", "already listening"));
            return;
        }
        pending = callback;
        speechBegan = false;
        if (recognizer == null) {
            recognizer = SpeechRecognizer.createSpeechRecognizer(context);
            recognizer.setRecognitionListener(new Listener());
        }
        Intent intent = new Intent(RecognizerIntent.ACTION_RECOGNIZE_SPEECH);
        intent.putExtra(RecognizerIntent.EXTRA_LANGUAGE_MODEL, RecognizerIntent.LANGUAGE_MODEL_FREE_FORM);
        intent.putExtra(RecognizerIntent.EXTRA_LANGUAGE, "ru".equals(language) ? "ru-RU" : "en-US");
        intent.putExtra(RecognizerIntent.EXTRA_MAX_RESULTS, 5);
        intent.putExtra(RecognizerIntent.EXTRA_PREFER_OFFLINE, true);
        intent.putExtra(RecognizerIntent.EXTRA_SPEECH_INPUT_POSSIBLY_COMPLETE_SILENCE_LENGTH_MILLIS, 700);
        recognizer.startListening(intent);
        // The recogniser's own silence timeout is not settable: ours ends the listen.
        timeout = () -> {
            if (!speechBegan) finish(Heard.silence());
        };
        main.postDelayed(timeout, timeoutMs);
    }

    private void finish(JSONObject heard) {
        Callback cb = pending;
        pending = null;
        if (timeout != null) main.removeCallbacks(timeout);
        timeout = null;
        if (recognizer != null) recognizer.cancel();
        if (cb != null) cb.heard(heard);
    }

    @Override
    public void cancel() {
        finish(Heard.error("cancelled", "cancelled"));
    }

    @Override
    public void close() {
        if (recognizer != null) recognizer.destroy();
        recognizer = null;
    }

    private final class Listener implements RecognitionListener {
        @Override public void onReadyForSpeech(Bundle params) {}
        @Override public void onBeginningOfSpeech() { speechBegan = true; }
        @Override public void onRmsChanged(float rmsdB) {}
        @Override public void onBufferReceived(byte[] buffer) {}
        @Override public void onEndOfSpeech() {}
        @Override public void onPartialResults(Bundle partialResults) {}
        @Override public void onEvent(int eventType, Bundle params) {}

        @Override
        public void onError(int error) {
            switch (error) {
                case SpeechRecognizer.ERROR_SPEECH_TIMEOUT:
                    finish(Heard.silence());
                    break;
                case SpeechRecognizer.ERROR_NO_MATCH:
                    finish(speechBegan ? Heard.speech("", 0, null) : Heard.silence());
                    break;
                case SpeechRecognizer.ERROR_INSUFFICIENT_PERMISSIONS:
                    finish(Heard.error("no-permission", "microphone permission missing"));
                    break;
                case SpeechRecognizer.ERROR_RECOGNIZER_BUSY:
                    finish(Heard.error("busy", "recogniser busy"));
                    break;
                default:
                    finish(Heard.error("engine", "SpeechRecognizer error " + error));
            }
        }

        @Override
        public void onResults(Bundle results) {
            ArrayList<String> texts = results.getStringArrayList(SpeechRecognizer.RESULTS_RECOGNITION);
            float[] scores = results.getFloatArray(SpeechRecognizer.CONFIDENCE_SCORES);
            if (texts == null || texts.isEmpty()) {
                finish(Heard.speech("", 0, null));
                return;
            }
            JSONArray alternatives = new JSONArray();
            try {
                for (int i = 1; i < texts.size(); i++) {
                    alternatives.put(new JSONObject().put("text", texts.get(i)).put("confidence", score(scores, i)));
                }
            } catch (JSONException e) {
                throw new IllegalStateException(e);
            }
            finish(Heard.speech(texts.get(0), score(scores, 0), alternatives));
        }
    }

    /** -1 or missing means "not given": 0.5, neither trusted nor refused outright. */
    private static double score(float[] scores, int i) {
        if (scores == null || i >= scores.length || scores[i] < 0) return 0.5;
        return scores[i];
    }
}
