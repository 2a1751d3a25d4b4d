/**
 * Secret redaction: the values of secret site settings (a WMS API key, basic-auth credentials)
 * never leave the dialog in an event. Value based, not name based: a secret copied into a
 * subflow's scope, rendered into a prompt or a URL is caught as well. Exported for every place
 * that shows dialog data (the runtime's events, the server's ingest, a simulator transcript).
 */
import type { JsonValue } from './format.js';

export const REDACTED = '***';

/**
 * The strings to look for: each secret as it is, JSON-escaped (inside a clipped body's JSON
 * text) and URL-encoded (in a query placeholder). Empty values are ignored; longest first, so a
 * secret containing another is replaced whole.
 */
export function secretPatterns(secrets: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length === 0) continue;
    out.add(s);
    out.add(JSON.stringify(s).slice(1, -1));
    out.add(encodeURIComponent(s));
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function redactString(s: string, patterns: readonly string[]): string {
  let out = s;
  for (const p of patterns) if (out.includes(p)) out = out.split(p).join(REDACTED);
  return out;
}

/**
 * `value` with every occurrence of a secret in its strings (keys included) replaced by `***`.
 * Returns the same reference when nothing matched, so callers pay no copy in the usual case.
 */
export function redactSecrets<T extends JsonValue>(value: T, secrets: readonly string[]): T {
  const patterns = secretPatterns(secrets);
  return patterns.length === 0 ? value : redactWith(value, patterns);
}

/** `redactSecrets` with patterns already prepared by `secretPatterns` (hot paths). */
export function redactWith<T extends JsonValue>(value: T, patterns: readonly string[]): T {
  if (typeof value === 'string') return redactString(value, patterns) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: JsonValue[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const r = redactWith(value[i]!, patterns);
      if (r !== value[i]) (copy ??= value.slice())[i] = r;
    }
    return (copy ?? value) as T;
  }
  let changed = false;
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    const v = (value as { [key: string]: JsonValue })[key]!;
    const k = redactString(key, patterns);
    const r = redactWith(v, patterns);
    if (k !== key || r !== v) changed = true;
    out[k] = r;
  }
  return (changed ? out : value) as T;
}
