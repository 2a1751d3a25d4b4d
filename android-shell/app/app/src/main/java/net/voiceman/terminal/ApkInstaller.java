package net.voiceman.terminal;

import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.content.pm.PackageInstaller;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.MessageDigest;

/**
 * A shell update announced by the heartbeat: downloaded with the terminal's token into a
 * PackageInstaller session while its sha256 is computed; committed only when the hash matches
 * (else abandoned). The system then asks the user to confirm (MainActivity.onNewIntent), or an
 * MDM-managed device installs it silently. Runs off the main thread.
 */
final class ApkInstaller {
    static final String ACTION_STATUS = "net.voiceman.terminal.INSTALL_STATUS";

    private ApkInstaller() {}

    /** Returns null on success (handed to the installer), else why not. */
    static String install(Context context, String url, String sha256, String authorization) {
        PackageInstaller installer = context.getPackageManager().getPackageInstaller();
        int sessionId = -1;
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(15000);
            c.setReadTimeout(60000);
            if (authorization != null) c.setRequestProperty("Authorization", authorization);
            if (c.getResponseCode() != 200) return "download: HTTP " + c.getResponseCode();
            PackageInstaller.SessionParams params = new PackageInstaller.SessionParams(PackageInstaller.SessionParams.MODE_FULL_INSTALL);
            sessionId = installer.createSession(params);
            PackageInstaller.Session session = installer.openSession(sessionId);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = c.getInputStream(); OutputStream out = session.openWrite("voiceman.apk", 0, -1)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                session.fsync(out);
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : digest.digest()) hex.append(String.format("%02x", b));
            if (!hex.toString().equalsIgnoreCase(sha256)) {
                session.abandon();
                return "sha256 " + hex.substring(0, 12) + " differs from the announced one";
            }
            Intent status = new Intent(context, MainActivity.class).setAction(ACTION_STATUS);
            PendingIntent pending = PendingIntent.getActivity(context, sessionId, status, PendingIntent.FLAG_UPDATE_CURRENT);
            session.commit(pending.getIntentSender());
            session.close();
            return null;
        } catch (Exception e) {
            if (sessionId >= 0) {
                try {
                    installer.abandonSession(sessionId);
                } catch (Exception ignored) {
                    // Already gone.
                }
            }
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
