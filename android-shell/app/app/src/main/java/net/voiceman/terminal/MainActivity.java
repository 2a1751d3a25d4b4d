package net.voiceman.terminal;

import android.Manifest;
import android.annotation.SuppressLint;
import android.content.Intent;
import android.content.pm.PackageInstaller;
import android.content.pm.PackageManager;
import android.net.Uri;
import android.os.Bundle;
import android.view.KeyEvent;
import android.view.WindowManager;
import android.webkit.WebResourceRequest;
import android.webkit.WebResourceResponse;
import android.webkit.WebSettings;
import android.webkit.WebView;
import android.widget.Toast;

import androidx.annotation.NonNull;
import androidx.appcompat.app.AppCompatActivity;
import androidx.webkit.WebViewAssetLoader;
import androidx.webkit.WebViewClientCompat;
import androidx.webkit.WebViewCompat;
import androidx.webkit.WebViewFeature;

import java.util.Collections;

/**
 * The whole shell: one WebView showing the terminal web app from the APK's assets on
 * https://appassets.androidplatform.net (WebViewAssetLoader, never file://), the bridge injected
 * only for that origin, the screen kept on, push-to-talk keys forwarded. All logic is in the web app.
 */
public class MainActivity extends AppCompatActivity {
    static final String ORIGIN = "https://" + WebViewAssetLoader.DEFAULT_DOMAIN;
    static final String START_URL = ORIGIN + "/assets/web/index.html";
    private static final int AUDIO_PERMISSION = 1;

    /** Keys forwarded as push-to-talk: headset button, media play/pause, and the vendor scan/PTT keys. */
    static final int[] PTT_KEYS = {
        KeyEvent.KEYCODE_HEADSETHOOK, KeyEvent.KEYCODE_MEDIA_PLAY_PAUSE,
        // Zebra TC5x PTT / scan triggers and Honeywell side keys report these.
        KeyEvent.KEYCODE_BUTTON_L1, KeyEvent.KEYCODE_BUTTON_R1, 285, 286, 287, 10036,
    };

    private WebView webView;
    private Bridge bridge;

    @SuppressLint("SetJavaScriptEnabled")
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        getWindow().addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON);

        if (!WebViewFeature.isFeatureSupported(WebViewFeature.WEB_MESSAGE_LISTENER)) {
            Toast.makeText(this, "This WebView is too old for the terminal: update Android System WebView.", Toast.LENGTH_LONG).show();
            finish();
            return;
        }

        webView = new WebView(this);
        setContentView(webView);
        WebSettings settings = webView.getSettings();
        settings.setJavaScriptEnabled(true);
        settings.setDomStorageEnabled(true); // IndexedDB and localStorage
        settings.setAllowFileAccess(false);
        settings.setAllowContentAccess(false);
        settings.setMediaPlaybackRequiresUserGesture(false);

        final WebViewAssetLoader assets = new WebViewAssetLoader.Builder()
            .addPathHandler("/assets/", new WebViewAssetLoader.AssetsPathHandler(this))
            .build();
        webView.setWebViewClient(new WebViewClientCompat() {
            @Override
            public WebResourceResponse shouldInterceptRequest(@NonNull WebView view, @NonNull WebResourceRequest request) {
                return assets.shouldInterceptRequest(request.getUrl());
            }

            @Override
            public boolean shouldOverrideUrlLoading(@NonNull WebView view, @NonNull WebResourceRequest request) {
                // The terminal never navigates away from its own page.
                return !request.getUrl().toString().startsWith(ORIGIN);
            }
        });

        bridge = new Bridge(this, webView);
        // Only our own origin gets the bridge (addJavascriptInterface would reach every frame).
        WebViewCompat.addWebMessageListener(webView, Bridge.OBJECT_NAME, Collections.singleton(ORIGIN), bridge);

        if (checkSelfPermission(Manifest.permission.RECORD_AUDIO) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(new String[] {Manifest.permission.RECORD_AUDIO}, AUDIO_PERMISSION);
        }
        webView.loadUrl(START_URL);
    }

    @Override
    public void onRequestPermissionsResult(int requestCode, @NonNull String[] permissions, @NonNull int[] results) {
        super.onRequestPermissionsResult(requestCode, permissions, results);
        if (requestCode == AUDIO_PERMISSION && (results.length == 0 || results[0] != PackageManager.PERMISSION_GRANTED)) {
            Toast.makeText(this, "Voiceman needs the microphone to hear the operator.", Toast.LENGTH_LONG).show();
        }
    }

    /** The package installer's answer to an update: ask the user to confirm when it needs to. */
    @Override
    protected void onNewIntent(Intent intent) {
        super.onNewIntent(intent);
        if (!ApkInstaller.ACTION_STATUS.equals(intent.getAction())) return;
        int status = intent.getIntExtra(PackageInstaller.EXTRA_STATUS, PackageInstaller.STATUS_FAILURE);
        if (status == PackageInstaller.STATUS_PENDING_USER_ACTION) {
            Intent confirm = intent.getParcelableExtra(Intent.EXTRA_INTENT);
            if (confirm != null) startActivity(confirm);
        } else if (status != PackageInstaller.STATUS_SUCCESS) {
            Toast.makeText(this, "Update not installed: " + intent.getStringExtra(PackageInstaller.EXTRA_STATUS_MESSAGE), Toast.LENGTH_LONG).show();
        }
    }

    static boolean isPtt(int keyCode) {
        for (int k : PTT_KEYS) if (k == keyCode) return true;
        return false;
    }

    @Override
    public boolean dispatchKeyEvent(KeyEvent event) {
        int code = event.getKeyCode();
        if (bridge != null && event.getRepeatCount() == 0) {
            boolean down = event.getAction() == KeyEvent.ACTION_DOWN;
            if (isPtt(code)) {
                bridge.key("ptt", down);
                return true;
            }
            if (code == KeyEvent.KEYCODE_BACK) {
                // Back never closes the terminal mid-task; the page decides.
                bridge.key("back", down);
                return true;
            }
        }
        return super.dispatchKeyEvent(event);
    }

    @Override
    protected void onDestroy() {
        if (bridge != null) bridge.close();
        if (webView != null) webView.destroy();
        super.onDestroy();
    }

    Uri origin() {
        return Uri.parse(ORIGIN);
    }
}
