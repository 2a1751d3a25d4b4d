/**
 * WMS bodies in dialog events are capped: one large reply must never make an event the server
 * can never accept (its batch limit is 1 MiB). The machine still gets the full body; the event
 * carries the first `MAX_EVENT_BODY_BYTES` of its JSON text as a string, `truncated: true` and
 * the full size.
 */
import type { JsonValue } from './format.js';

export const MAX_EVENT_BODY_BYTES = 8 * 1024;

/** UTF-8 length of `s` up to `limit` (counting stops there); `cut` is the last whole character within it. */
function utf8Prefix(s: string, limit: number): { bytes: number; cut: number } {
  let bytes = 0;
  let i = 0;
  let cut = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    let size = 1;
    let width = 1;
    if (c >= 0x800) {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        size = 4;
        width = 2;
      } else size = 3;
    } else if (c >= 0x80) size = 2;
    bytes += size;
    i += width;
    if (bytes <= limit) cut = i;
  }
  return { bytes, cut };
}

/** Sets `data.body` to `body`, or to its clipped JSON text with `truncated` and `bodyBytes`. */
export function putEventBody(data: { [key: string]: JsonValue }, body: JsonValue): void {
  // Short bodies (the usual case) cannot exceed the cap even at 3 bytes per UTF-16 unit.
  const json = JSON.stringify(body);
  if (json === undefined || json.length * 3 <= MAX_EVENT_BODY_BYTES) {
    data.body = body;
    return;
  }
  const { bytes, cut } = utf8Prefix(json, MAX_EVENT_BODY_BYTES);
  if (bytes <= MAX_EVENT_BODY_BYTES) {
    data.body = body;
    return;
  }
  data.body = json.slice(0, cut);
  data.truncated = true;
  data.bodyBytes = bytes;
}
