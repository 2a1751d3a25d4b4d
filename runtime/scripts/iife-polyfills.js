/* Minimal UTF-8 TextEncoder/TextDecoder for engines without them (QuickJS): cel-js creates one at load. */
(function (g) {
  if (typeof g.TextEncoder === 'undefined') {
    g.TextEncoder = function TextEncoder() {};
    g.TextEncoder.prototype.encode = function (s) {
      var bin = unescape(encodeURIComponent(String(s === undefined ? '' : s)));
      var out = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    };
  }
  if (typeof g.TextDecoder === 'undefined') {
    g.TextDecoder = function TextDecoder() {};
    g.TextDecoder.prototype.decode = function (bytes) {
      var s = '';
      var b = bytes || new Uint8Array(0);
      for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
      return decodeURIComponent(escape(s));
    };
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
