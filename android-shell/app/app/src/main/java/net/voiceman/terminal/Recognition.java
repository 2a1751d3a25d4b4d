package net.voiceman.terminal;

import org.json.JSONObject;

import java.util.List;

/**
 * One listen at a time: the grammar's phrases, the silence timeout; the answer is the bridge's
 * `heard` object ({kind: speech|silence|error, ...}). Two engines: Vosk (offline grammar,
 * the default where a model is installed) and Android's SpeechRecognizer.
 */
interface Recognition {
    interface Callback {
        void heard(JSONObject heard);
    }

    String name();

    void listen(String language, List<String> phrases, int timeoutMs, Callback callback);

    void cancel();

    void close();
}
