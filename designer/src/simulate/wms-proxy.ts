/**
 * Unstubbed WMS requests of a run in the page: a browser cannot call a WMS on another origin, so
 * they go through the server's proxy (`POST /api/simulator/wms`), which forwards only to WMS base
 * URLs an admin configured. A refusal or an unreachable WMS becomes a rejected request, which
 * the runtime treats as a network failure (its retry and error path), as on a terminal.
 */
import type { HttpRequest, HttpResponse } from '@voiceman/runtime';

export type WmsFetcher = (request: HttpRequest) => Promise<HttpResponse>;

export class WmsProxyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const proxyMessages: Record<string, string> = {
  wms_not_allowed: 'the server does not forward to this URL (no WMS base configured for it)',
  wms_unreachable: 'WMS unreachable',
  wms_timeout: 'WMS did not answer in time',
};

export function createWmsProxyFetcher(options: { environmentId?: string; fetch?: typeof fetch } = {}): WmsFetcher {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return async (request) => {
    const res = await doFetch('/api/simulator/wms', {
      method: 'POST',
      // The runtime's own timer decides the timeout; this only stops waiting for the proxy then.
      signal: AbortSignal.timeout(request.timeoutMs + 1000),
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(options.environmentId ? { environmentId: options.environmentId } : {}), request }),
    });
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { message: text };
    }
    if (!res.ok) {
      const d = (data ?? {}) as { error?: unknown; code?: unknown; message?: unknown };
      const code = typeof d.error === 'string' ? d.error : typeof d.code === 'string' ? d.code : `http_${res.status}`;
      const message = typeof d.message === 'string' && d.message ? d.message : (proxyMessages[code] ?? res.statusText);
      const error = new WmsProxyError(code, `${message} (${request.method} ${request.url})`);
      // The simulator counts a rejection named TimeoutError as the request's timeout.
      if (code === 'wms_timeout') error.name = 'TimeoutError';
      throw error;
    }
    return data as HttpResponse;
  };
}
