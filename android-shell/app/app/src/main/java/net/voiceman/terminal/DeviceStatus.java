package net.voiceman.terminal;

import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.wifi.WifiInfo;
import android.net.wifi.WifiManager;
import android.os.BatteryManager;
import android.os.Build;

import org.json.JSONException;
import org.json.JSONObject;

/** Device info and network state, as the bridge's `deviceInfo` and `network` answers. */
final class DeviceStatus {
    private final Context context;

    DeviceStatus(Context context) {
        this.context = context;
    }

    JSONObject info(String recognizer) throws JSONException {
        JSONObject o = new JSONObject()
            .put("model", Build.MANUFACTURER + " " + Build.MODEL)
            .put("os", "Android " + Build.VERSION.RELEASE + " (API " + Build.VERSION.SDK_INT + ")")
            .put("shellVersion", BuildConfig.VERSION_NAME)
            .put("recognizer", recognizer);
        Intent battery = context.registerReceiver(null, new IntentFilter(Intent.ACTION_BATTERY_CHANGED));
        if (battery != null) {
            int level = battery.getIntExtra(BatteryManager.EXTRA_LEVEL, -1);
            int scale = battery.getIntExtra(BatteryManager.EXTRA_SCALE, -1);
            int status = battery.getIntExtra(BatteryManager.EXTRA_STATUS, -1);
            o.put("battery", level >= 0 && scale > 0 ? Math.round(level * 100f / scale) : JSONObject.NULL);
            o.put("charging", status == BatteryManager.BATTERY_STATUS_CHARGING || status == BatteryManager.BATTERY_STATUS_FULL);
        } else {
            o.put("battery", JSONObject.NULL).put("charging", JSONObject.NULL);
        }
        WifiManager wifi = (WifiManager) context.getApplicationContext().getSystemService(Context.WIFI_SERVICE);
        WifiInfo w = wifi == null ? null : wifi.getConnectionInfo();
        if (w != null && w.getNetworkId() != -1) {
            o.put("wifi", new JSONObject().put("connected", true).put("rssi", w.getRssi()));
        } else {
            o.put("wifi", new JSONObject().put("connected", false));
        }
        return o;
    }

    JSONObject network() throws JSONException {
        ConnectivityManager cm = (ConnectivityManager) context.getSystemService(Context.CONNECTIVITY_SERVICE);
        Network n = cm == null ? null : cm.getActiveNetwork();
        NetworkCapabilities caps = n == null ? null : cm.getNetworkCapabilities(n);
        String transport = "none";
        if (caps != null) {
            if (caps.hasTransport(NetworkCapabilities.TRANSPORT_WIFI)) transport = "wifi";
            else if (caps.hasTransport(NetworkCapabilities.TRANSPORT_CELLULAR)) transport = "cellular";
            else if (caps.hasTransport(NetworkCapabilities.TRANSPORT_ETHERNET)) transport = "ethernet";
            else transport = "unknown";
        }
        boolean online = caps != null && caps.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET);
        return new JSONObject().put("online", online).put("transport", transport);
    }
}
