/** `{{ cel }}` placeholders in prompts and URL templates. */

export type TemplatePart = { text: string } | { expr: string; start: number; end: number };

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly start: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * Splits a template into literal text and expressions; `start`/`end` are offsets of the
 * expression text inside the template (trimmed), for editors to underline.
 */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    if (open < 0) {
      parts.push({ text: template.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ text: template.slice(pos, open) });
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError(`unclosed "{{" at offset ${open}: add "}}"`, open);
    const raw = template.slice(open + 2, close);
    const lead = raw.length - raw.trimStart().length;
    const expr = raw.trim();
    if (expr === '') throw new TemplateError(`empty "{{ }}" at offset ${open}`, open);
    const start = open + 2 + lead;
    parts.push({ expr, start, end: start + expr.length });
    pos = close + 2;
  }
  const strayClose = parts.find((p) => 'text' in p && p.text.includes('}}'));
  if (strayClose) throw new TemplateError(`"}}" without a matching "{{"`, template.indexOf('}}'));
  return parts;
}

/** Renders a CEL value for speech or a URL: strings as-is, other values as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/*
 * Request URLs. The WMS base (`{{ wmsUrl }}/tasks`) comes from a variable, so a placeholder
 * that starts the template is inserted as-is; every other placeholder is a value inside the
 * URL (an id, a query parameter) and is percent-encoded. The host only ever receives an
 * absolute http(s) URL: an embedder has no base to resolve a relative one against.
 */

/** Joins a URL template's rendered parts: a leading value raw, every later value encoded. */
export function joinUrl(parts: readonly ({ text: string } | { value: string })[]): string {
  let out = '';
  parts.forEach((part, i) => {
    out += 'text' in part ? part.text : i === 0 ? part.value : encodeURIComponent(part.value);
  });
  return out;
}

// Scheme, then a non-empty authority; no whitespace or control characters anywhere (the host
// would otherwise have to guess). `URL` is not used: QuickJS has none.
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#\\]+(?:[/?#][^\s]*)?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `url` cannot be sent to the host, or null when it is an absolute http(s) URL. */
export function urlProblem(url: string): string | null {
  if (ABSOLUTE_HTTP_URL.test(url) && !CONTROL.test(url)) return null;
  const shown = JSON.stringify(url.length > 120 ? `${url.slice(0, 120)}…` : url);
  return `request URL ${shown} is not an absolute http:// or https:// URL (a leading {{ }} placeholder must yield the WMS base, e.g. "http://wms.local:4010")`;
}
