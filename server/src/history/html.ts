/** HTML that is already safe (built by `html`); anything else interpolated is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function render(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<td>${userText}</td>\`` escapes userText; nested `html` and arrays of it pass through. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Voiceman</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}
form.filters label{display:flex;flex-direction:column;font-size:12px}
.t-prompt{color:#1a5fb4}.t-hypothesis{color:#26a269}.t-error,.t-wms\\.error,.t-nomatch,.t-silence{color:#c01c28}
.muted{color:#777}code{font-size:12px}nav a{margin-right:1rem}
</style></head>
<body><nav><a href="/">Designer</a><a href="/history">Dialog history</a><a href="/docs">API</a></nav>
<h1>${title}</h1>
${body}
</body></html>`.value;
}
