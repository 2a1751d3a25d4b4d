import type { HttpRequest, HttpResponse, JsonValue } from '@voiceman/runtime';

/** A terminal host's `request` as a real HTTP call (the scripted host answers from a script). */
export async function fetchRequest(request: HttpRequest): Promise<HttpResponse> {
  const json = request.body !== undefined;
  const res = await fetch(request.url, {
    method: request.method, signal: AbortSignal.timeout(request.timeoutMs),
    headers: { accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}), ...request.headers },
    ...(json ? { body: JSON.stringify(request.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: Object.fromEntries(res.headers), body: text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as JsonValue) : text };
}
