/**
 * The WMS allow-list and the one way simulations reach a WMS: only URLs under a base URL an
 * admin configured, over http(s), without credentials in the URL, following a redirect only
 * when its target is allowed too. Used by the browser's proxy route and by server-side
 * simulations alike, so there is no second, laxer path.
 */
import type { HttpRequest, HttpResponse, JsonValue } from '@voiceman/runtime';

export const MAX_WMS_TIMEOUT_MS = 30_000;
export const MAX_WMS_RESPONSE_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
/** Headers that belong to one hop (or to Voiceman's own session), never forwarded. */
const DROPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'proxy-authorization', 'te', 'trailer', 'cookie']);

export type WmsFailure = 'wms_not_allowed' | 'wms_unreachable' | 'wms_timeout';

export class WmsForwardError extends Error {
  constructor(
    readonly code: WmsFailure,
    message: string,
  ) {
    super(message);
    // The simulator reads a `TimeoutError` as the request's timeout (not a network failure).
    this.name = code === 'wms_timeout' ? 'TimeoutError' : 'WmsForwardError';
  }
}

/**
 * A base URL as stored: http(s), no credentials, query or fragment, path ending in `/`.
 * Returns the normal form or a reason it is unusable.
 */
export function normaliseBase(raw: string): { base: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `"${raw}" is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `"${raw}": only http and https` };
  if (url.username || url.password) return { problem: `"${raw}": credentials do not belong in a base URL` };
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) return { problem: `"${raw}": a base URL has no query or fragment` };
  if (/%2f|%5c|\\/i.test(url.pathname)) return { problem: `"${raw}": encoded slashes are not allowed` };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { base: `${url.origin}${path}` };
}

/** Why `target` is not under one of `bases` (normalised), or `null` when it is. */
export function refusal(target: string, bases: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `"${target}" is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs are not forwarded`;
  // Userinfo could make a URL read as one host and reach another in a lax parser; never pass it on.
  if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(target)) return 'URLs with credentials are not forwarded';
  // Encoded slashes and backslashes could climb out of the base path on the WMS's side.
  if (/%2f|%5c|\\/i.test(url.pathname)) return 'encoded slashes are not forwarded';
  // `url` is already normalised by the WHATWG parser (dot segments, default port, case of host).
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const allowed = bases.some((base) => {
    const b = new URL(base);
    return b.origin === url.origin && (url.pathname === b.pathname.slice(0, -1) || path.startsWith(b.pathname));
  });
  return allowed ? null : `${url.origin}${url.pathname} is not under a WMS base URL configured for the simulator`;
}

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

async function readBody(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WMS_RESPONSE_BYTES) {
      await reader.cancel();
      throw new WmsForwardError('wms_unreachable', `the WMS answer is larger than ${MAX_WMS_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Performs `request` if allowed; every refusal and failure is a `WmsForwardError`. */
export async function forwardWms(request: HttpRequest, bases: readonly string[], fetchImpl: FetchLike = fetch): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  if (hasBody) headers['content-type'] ??= 'application/json';
  const timeoutMs = Math.min(Math.max(request.timeoutMs || MAX_WMS_TIMEOUT_MS, 1), MAX_WMS_TIMEOUT_MS);
  const signal = AbortSignal.timeout(timeoutMs);
  let url = request.url;
  let method = request.method;
  let body = hasBody ? JSON.stringify(request.body) : undefined;
  for (let hop = 0; ; hop++) {
    const why = refusal(url, bases);
    if (why) throw new WmsForwardError('wms_not_allowed', hop === 0 ? why : `redirected to a URL that is not allowed: ${why}`);
    let res: Response;
    try {
      res = await fetchImpl(url, { method, headers, redirect: 'manual', signal, ...(body !== undefined ? { body } : {}) });
    } catch (error) {
      if (signal.aborted) throw new WmsForwardError('wms_timeout', `the WMS did not answer within ${timeoutMs} ms`);
      throw new WmsForwardError('wms_unreachable', `the WMS is unreachable: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location !== null) {
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new WmsForwardError('wms_unreachable', `more than ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url).href;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
      continue;
    }
    let text: string;
    try {
      text = await readBody(res);
    } catch (error) {
      if (error instanceof WmsForwardError) throw error;
      if (signal.aborted) throw new WmsForwardError('wms_timeout', `the WMS did not answer within ${timeoutMs} ms`);
      throw new WmsForwardError('wms_unreachable', `the WMS answer broke off: ${(error as Error).message}`);
    }
    const isJson = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
    let parsed: JsonValue = text;
    if (isJson) {
      try {
        parsed = JSON.parse(text) as JsonValue;
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed };
  }
}
