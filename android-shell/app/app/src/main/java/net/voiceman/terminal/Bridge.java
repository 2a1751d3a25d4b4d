package net.voiceman.terminal;

import android.content.Context;
import android.content.SharedPreferences;
import android.media.AudioManager;
import android.media.ToneGenerator;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.Uri;
import android.os.Handler;
import android.os.Looper;
import android.os.VibrationEffect;
import android.os.Vibrator;
import android.util.Log;
import android.webkit.WebView;

import androidx.annotation.NonNull;
import androidx.webkit.JavaScriptReplyProxy;
import androidx.webkit.WebMessageCompat;
import androidx.webkit.WebViewCompat;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The native side of android-shell/bridge.md: one JSON request per postMessage from the page,
 * exactly one answer with the same id, device events without id. Thin on purpose: no dialog logic.
 */
final class Bridge implements WebViewCompat.WebMessageListener {
    static final String OBJECT_NAME = "VoicemanNative";
    private static final String TAG = "VoicemanBridge";

    private final MainActivity activity;
    private final Handler main = new Handler(Looper.getMainLooper());
    private final Tts tts;
    private final DeviceStatus device;
    private final SharedPreferences prefs;
    private final ToneGenerator tones = new ToneGenerator(AudioManager.STREAM_MUSIC, 80);
    private final ConnectivityManager.NetworkCallback networkCallback;
    private Recognition recognition;
    private JavaScriptReplyProxy page;

    Bridge(MainActivity activity, WebView webView) {
        this.activity = activity;
        this.tts = new Tts(activity, () -> Log.i(TAG, "TextToSpeech ready"));
        this.device = new DeviceStatus(activity);
        this.prefs = activity.getSharedPreferences("voiceman-terminal", Context.MODE_PRIVATE);
        this.recognition = AndroidRecognition.available(activity) ? new AndroidRecognition(activity) : null;
        // The grammar recogniser is the default where a model is installed.
        VoskRecognition.load(activity, () -> main.post(() -> {
            if (recognition != null) recognition.close();
            recognition = VoskRecognition.INSTANCE;
        }), () -> Log.i(TAG, "no Vosk model in assets/vosk: using Android's SpeechRecognizer"));
        networkCallback = new ConnectivityManager.NetworkCallback() {
            @Override public void onAvailable(@NonNull Network network) { main.post(Bridge.this::sendNetwork); }
            @Override public void onLost(@NonNull Network network) { main.post(Bridge.this::sendNetwork); }
        };
        ConnectivityManager cm = (ConnectivityManager) activity.getSystemService(Context.CONNECTIVITY_SERVICE);
        if (cm != null) cm.registerDefaultNetworkCallback(networkCallback);
    }

    @Override
    public void onPostMessage(@NonNull WebView view, @NonNull WebMessageCompat message, @NonNull Uri sourceOrigin, boolean isMainFrame, @NonNull JavaScriptReplyProxy replyProxy) {
        // addWebMessageListener already restricts the origin; frames other than the main one get nothing.
        if (!isMainFrame || !activity.origin().equals(sourceOrigin)) return;
        page = replyProxy;
        JSONObject request;
        int id;
        try {
            request = new JSONObject(message.getData());
            id = request.getInt("id");
        } catch (JSONException | NullPointerException e) {
            Log.w(TAG, "unreadable message dropped");
            return;
        }
        try {
            handle(id, request);
        } catch (JSONException e) {
            error(id, "bad_request", e.getMessage());
        }
    }

    private void handle(int id, JSONObject r) throws JSONException {
        switch (r.getString("type")) {
            case "speak": {
                JSONObject v = r.getJSONObject("voice");
                tts.speak(r.getString("text"), v.getString("language"), (float) v.getDouble("rate"), (float) v.getDouble("pitch"), (float) v.getDouble("volume"),
                    err -> main.post(() -> {
                        if (err == null) ok(id, null);
                        else error(id, "tts", err);
                    }));
                break;
            }
            case "stopSpeaking":
                tts.stop();
                ok(id, null);
                break;
            case "listen": {
                JSONObject g = r.getJSONObject("grammar");
                JSONArray phrases = g.getJSONArray("phrases");
                List<String> list = new ArrayList<>();
                for (int i = 0; i < phrases.length(); i++) list.add(phrases.getString(i));
                if (recognition == null) {
                    heard(id, Heard.error("engine", "no speech recogniser on this device"));
                    break;
                }
                String language = g.getString("language");
                Recognition engine = recognition;
                if (engine == VoskRecognition.INSTANCE && !VoskRecognition.INSTANCE.hasModel(language) && AndroidRecognition.available(activity)) {
                    engine = new AndroidRecognition(activity);
                }
                int timeoutMs = r.getInt("timeoutMs");
                if (r.optBoolean("duringSpeech", false) && tts.speaking()) listenDuringSpeech(id, engine, language, list, timeoutMs);
                else engine.listen(language, list, timeoutMs, heard -> main.post(() -> heard(id, heard)));
                break;
            }
            case "cancelListen":
                if (recognition != null) recognition.cancel();
                ok(id, null);
                break;
            case "earcon": {
                String kind = r.getString("kind");
                tones.startTone("error".equals(kind) ? ToneGenerator.TONE_PROP_NACK : "ok".equals(kind) ? ToneGenerator.TONE_PROP_ACK : ToneGenerator.TONE_PROP_BEEP, 120);
                ok(id, null);
                break;
            }
            case "vibrate": {
                Vibrator vib = (Vibrator) activity.getSystemService(Context.VIBRATOR_SERVICE);
                if (vib != null) vib.vibrate(VibrationEffect.createOneShot(Math.max(1, Math.min(2000, r.getInt("ms"))), VibrationEffect.DEFAULT_AMPLITUDE));
                ok(id, null);
                break;
            }
            case "deviceInfo":
                // bargeIn: this shell listens while it speaks (listen.duringSpeech, bridge.md).
                ok(id, device.info(recognition == null ? "none" : recognition.name()).put("bargeIn", true));
                break;
            case "network":
                ok(id, device.network());
                break;
            case "storage.get": {
                String value = prefs.getString(r.getString("key"), null);
                ok(id, value == null ? JSONObject.NULL : value);
                break;
            }
            case "storage.set":
                // commit(), not apply(): the page is told "stored" only once it is on disk.
                if (prefs.edit().putString(r.getString("key"), r.getString("value")).commit()) ok(id, null);
                else error(id, "storage", "could not write");
                break;
            case "installApk": {
                String url = r.getString("url");
                String sha256 = r.getString("sha256");
                String authorization = r.optString("authorization", null);
                // Downloading and hashing take seconds: never on the main thread.
                new Thread(() -> {
                    String problem = ApkInstaller.install(activity, url, sha256, authorization);
                    main.post(() -> {
                        if (problem == null) ok(id, null);
                        else error(id, "install", problem);
                    });
                }, "apk-install").start();
                break;
            }
            case "storage.remove":
                prefs.edit().remove(r.getString("key")).commit();
                ok(id, null);
                break;
            default:
                error(id, "unknown", "unknown request " + r.getString("type"));
        }
    }

    void key(String key, boolean down) {
        try {
            event(new JSONObject().put("type", "key").put("key", key).put("down", down));
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Barge-in: the recogniser starts while the prompt plays (the operator may talk over it), with
     * the engine's own timeout as a backstop; the silence timeout counts from the end of the
     * prompt. A hypothesis stops the speech at once (the page stops it too; stopping twice is
     * harmless). Exactly one answer: the silence timer and the engine race through `answered`.
     */
    private void listenDuringSpeech(int id, Recognition engine, String language, List<String> phrases, int timeoutMs) {
        final boolean[] answered = {false};
        final Runnable silence = () -> {
            if (answered[0]) return;
            answered[0] = true;
            heard(id, Heard.silence());
            engine.cancel();
        };
        engine.listen(language, phrases, MAX_BARGE_IN_LISTEN_MS, heard -> main.post(() -> {
            if (answered[0]) return;
            answered[0] = true;
            main.removeCallbacks(silence);
            if ("speech".equals(heard.optString("kind")) && tts.speaking()) tts.stop();
            heard(id, heard);
        }));
        tts.whenQuiet(() -> main.post(() -> {
            if (!answered[0]) main.postDelayed(silence, timeoutMs);
        }));
    }

    /** The engine's backstop timeout while listening over a prompt (the real one starts when it ends). */
    private static final int MAX_BARGE_IN_LISTEN_MS = 120_000;

    private void sendNetwork() {
        try {
            event(new JSONObject().put("type", "network").put("state", device.network()));
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private void event(JSONObject event) throws JSONException {
        post(new JSONObject().put("type", "event").put("event", event));
    }

    private void ok(int id, Object value) {
        try {
            JSONObject m = new JSONObject().put("id", id).put("type", "ok");
            if (value != null) m.put("value", value);
            post(m);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private void heard(int id, JSONObject heard) {
        try {
            post(new JSONObject().put("id", id).put("type", "heard").put("heard", heard));
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private void error(int id, String code, String message) {
        try {
            post(new JSONObject().put("id", id).put("type", "error").put("code", code).put("message", message == null ? "" : message));
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(JSONObject message) {
        // Replies go to the page that last wrote; before any message there is nobody to tell.
        if (page != null) page.postMessage(message.toString());
    }

    void close() {
        ConnectivityManager cm = (ConnectivityManager) activity.getSystemService(Context.CONNECTIVITY_SERVICE);
        if (cm != null) cm.unregisterNetworkCallback(networkCallback);
        if (recognition != null) recognition.close();
        tts.close();
        tones.release();
    }
}
