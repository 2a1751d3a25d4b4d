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
/* Minimal URL for engines without it (QuickJS): @cfworker/json-schema resolves `$id`/`$ref`
   with `new URL(ref, base)` and reads/writes `hash` and `href`. Absolute, fragment-only and
   path-relative references are enough for the machine schema. */
(function (g) {
  if (typeof g.URL !== 'undefined') return;
  var ABS = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/;
  function URL(ref, base) {
    ref = String(ref);
    var m = ABS.exec(ref);
    if (!m) {
      if (base === undefined) throw new TypeError('Invalid URL: ' + ref);
      var b = new URL(String(base));
      if (ref.charAt(0) === '#') m = ABS.exec(b.protocol + (b.host !== '' ? '//' + b.host : '') + b.pathname + b.search + ref);
      else if (ref.charAt(0) === '/') m = ABS.exec(b.protocol + (b.host !== '' ? '//' + b.host : '') + ref);
      else m = ABS.exec(b.protocol + (b.host !== '' ? '//' + b.host : '') + b.pathname.replace(/[^/]*$/, '') + ref);
    }
    this.protocol = m[1];
    this.host = (m[2] || '').slice(2);
    this.pathname = m[3] || (this.host !== '' ? '/' : '');
    this.search = m[4] || '';
    this._hash = m[5] && m[5].length > 1 ? m[5] : '';
  }
  Object.defineProperty(URL.prototype, 'hash', {
    get: function () { return this._hash; },
    set: function (v) { v = String(v); this._hash = v === '' || v === '#' ? '' : v.charAt(0) === '#' ? v : '#' + v; },
  });
  Object.defineProperty(URL.prototype, 'origin', { get: function () { return this.protocol + '//' + this.host; } });
  Object.defineProperty(URL.prototype, 'href', {
    get: function () { return this.protocol + (this.host !== '' ? '//' + this.host : '') + this.pathname + this.search + this._hash; },
  });
  URL.prototype.toString = function () { return this.href; };
  g.URL = URL;
})(typeof globalThis !== 'undefined' ? globalThis : this);
