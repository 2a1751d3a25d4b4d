package net.voiceman.terminal;

import android.content.Context;
import android.media.AudioManager;
import android.os.Bundle;
import android.speech.tts.TextToSpeech;
import android.speech.tts.UtteranceProgressListener;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** TextToSpeech with one callback per utterance (UtteranceProgressListener: done, stop, error). */
final class Tts {
    interface Done {
        void done(String error);
    }

    private final TextToSpeech tts;
    private final Map<String, Done> pending = new HashMap<>();
    /** Run once when nothing is left to say (barge-in: the silence timeout starts then). */
    private final java.util.List<Runnable> quiet = new java.util.ArrayList<>();
    private boolean ready;
    private int next;

    Tts(Context context, Runnable onReady) {
        tts = new TextToSpeech(context, status -> {
            ready = status == TextToSpeech.SUCCESS;
            onReady.run();
        });
        tts.setOnUtteranceProgressListener(new UtteranceProgressListener() {
            @Override public void onStart(String id) {}

            @Override
            public void onDone(String id) {
                complete(id, null);
            }

            @Override
            public void onStop(String id, boolean interrupted) {
                complete(id, null);
            }

            @Override
            @SuppressWarnings("deprecation")
            public void onError(String id) {
                complete(id, "TextToSpeech error");
            }

            @Override
            public void onError(String id, int errorCode) {
                complete(id, "TextToSpeech error " + errorCode);
            }
        });
    }

    private synchronized void complete(String id, String error) {
        Done d = pending.remove(id);
        if (d != null) d.done(error);
        if (pending.isEmpty()) runQuiet();
    }

    private void runQuiet() {
        java.util.List<Runnable> due = new java.util.ArrayList<>(quiet);
        quiet.clear();
        for (Runnable r : due) r.run();
    }

    synchronized boolean speaking() {
        return !pending.isEmpty();
    }

    /** Runs `r` when the last queued utterance is done or stopped (at once when nothing plays). */
    synchronized void whenQuiet(Runnable r) {
        if (pending.isEmpty()) r.run();
        else quiet.add(r);
    }

    synchronized void speak(String text, String language, float rate, float pitch, float volume, Done done) {
        if (!ready) {
            done.done("TextToSpeech not ready");
            return;
        }
        tts.setLanguage("ru".equals(language) ? new Locale("ru", "RU") : Locale.US);
        // The bridge's ranges (bridge.md): the voice words step within them, a bad value is clamped.
        tts.setSpeechRate(clamp(rate, 0.5f, 2f, 1f));
        tts.setPitch(clamp(pitch, 0.5f, 2f, 1f));
        Bundle params = new Bundle();
        params.putFloat(TextToSpeech.Engine.KEY_PARAM_VOLUME, clamp(volume, 0f, 1f, 1f));
        params.putInt(TextToSpeech.Engine.KEY_PARAM_STREAM, AudioManager.STREAM_MUSIC);
        String id = "u" + (next++);
        pending.put(id, done);
        // QUEUE_ADD: prompts are spoken in order; stop() flushes them (each answers done).
        if (tts.speak(text, TextToSpeech.QUEUE_ADD, params, id) != TextToSpeech.SUCCESS) complete(id, "TextToSpeech refused the utterance");
    }

    private static float clamp(float v, float lo, float hi, float otherwise) {
        return Float.isNaN(v) || Float.isInfinite(v) ? otherwise : Math.max(lo, Math.min(hi, v));
    }

    synchronized void stop() {
        tts.stop();
        for (Done d : pending.values()) d.done(null);
        pending.clear();
        runQuiet();
    }

    void close() {
        tts.shutdown();
    }
}
