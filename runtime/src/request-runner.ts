/**
 * One WMS call: timeout through the host clock, retries on timeout or network failure and on
 * the HTTP statuses the request names (`retryStatuses`), after a backoff (./idempotency.ts); a
 * write carries the same `Idempotency-Key` in every attempt. A failure leaves through
 * `REQUEST.<class>` when the state handles that class, else `REQUEST.ERROR`.
 */
import type { JsonValue, RequestErrorClass } from './format.js';
import type { EventLike } from './context.js';
import type { HttpResponse } from './host.js';
import type { Job } from './jobs.js';
import type { DriverPort } from './driver-port.js';
import { urlProblem } from './template.js';
import { putEventBody } from './event-body.js';
import { idempotencyKeyOf, retryDelayMs } from './idempotency.js';
import { depthProblem } from './json-depth.js';

/** Deepest WMS response body the machine gets (real ones nest a handful of levels). */
export const MAX_BODY_DEPTH = 64;

type Attempt = { kind: 'response'; response: HttpResponse } | { kind: 'timeout' } | { kind: 'network'; message: string };

function attempt(port: DriverPort, job: Extract<Job, { kind: 'request' }>): Promise<Attempt> {
  const { clock } = port.host;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const settle = (a: Attempt) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve(a);
    };
    const timer = clock.setTimeout(() => settle({ kind: 'timeout' }), job.request.timeoutMs);
    let pending: Promise<HttpResponse>;
    try {
      pending = port.host.request(job.request);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (response) => settle({ kind: 'response', response }),
      (error: unknown) => settle({ kind: 'network', message: error instanceof Error ? error.message : String(error) }),
    );
  });
}

function wait(port: DriverPort, ms: number): Promise<void> {
  return new Promise((resolve) => port.host.clock.setTimeout(resolve, ms));
}

/** The class of a failed response's status; null for one outside 4xx/5xx (a 3xx the host did not follow). */
export function statusClass(status: number): RequestErrorClass | null {
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status >= 400 && status < 500) return 'clientError';
  if (status >= 500 && status < 600) return 'serverError';
  return null;
}

/** Leaves the request state: through `REQUEST.<class>` when the machine takes it there, else `REQUEST.ERROR`. */
function fail(port: DriverPort, token: number, payload: { [k: string]: JsonValue }, cls: RequestErrorClass | null): void {
  if (cls !== null) {
    const specific: EventLike = { ...payload, type: `REQUEST.${cls}`, class: cls };
    if (port.live(token) && port.accepts(specific)) {
      port.finish(token, specific);
      return;
    }
  }
  port.finish(token, { ...payload, type: 'REQUEST.ERROR' });
}

export async function runRequest(port: DriverPort, token: number, job: Extract<Job, { kind: 'request' }>): Promise<void> {
  const { stateId, request } = job;
  // Nothing is sent when the URL is unusable: retrying would not help, and the host would
  // otherwise fail with its own, less useful message (or resolve it against a page).
  const problem = urlProblem(request.url);
  if (problem) {
    port.emit('error', stateId, { code: 'request.url', message: problem, url: request.url });
    port.finish(token, { type: 'REQUEST.ERROR', message: problem });
    return;
  }
  let lastMessage = '';
  let lastClass: RequestErrorClass = 'network';
  const key = idempotencyKeyOf(request.headers);
  for (let i = 1; i <= job.retries + 1; i++) {
    if (i > 1) {
      await wait(port, retryDelayMs(i - 1, job.backoff));
      if (!port.live(token)) return;
    }
    const data: { [k: string]: JsonValue } = { method: request.method, url: request.url, attempt: i };
    if (key !== undefined) data.idempotencyKey = key;
    if (request.body !== undefined) putEventBody(data, request.body);
    port.emit('wms.request', stateId, data);
    const started = port.host.clock.now();
    const result = await attempt(port, job);
    if (!port.live(token)) return;
    const ms = port.host.clock.now() - started;
    if (result.kind === 'response') {
      const { status, body, headers } = result.response;
      // The machine reads the body through recursive code (CEL values, event JSON): a body
      // nested deeper than that can walk is the WMS's error, handled by the flow's error path.
      const deep = depthProblem(body, MAX_BODY_DEPTH);
      if (deep) {
        const message = `response body ${deep.message}`;
        port.emit('wms.error', stateId, { message, status, ms });
        port.finish(token, { type: 'REQUEST.ERROR', status, message });
        return;
      }
      if (status >= 200 && status < 300) {
        const event: { [k: string]: JsonValue } = { status, body: null, ms };
        putEventBody(event, body);
        port.emit('wms.response', stateId, event);
        port.finish(token, { type: 'REQUEST.OK', status, body, headers });
        return;
      }
      const message = `HTTP ${status}`;
      if (job.retryStatuses?.includes(status) && i <= job.retries) {
        port.emit('wms.error', stateId, { message, status, ms, attempt: i, retryInMs: retryDelayMs(i, job.backoff) });
        continue;
      }
      port.emit('wms.error', stateId, job.retryStatuses ? { message, status, ms, attempt: i } : { message, status, ms });
      fail(port, token, { status, message, body }, statusClass(status));
      return;
    }
    lastClass = result.kind;
    lastMessage = result.kind === 'timeout' ? `timeout after ${request.timeoutMs} ms` : `network failure: ${result.message}`;
    const error: { [k: string]: JsonValue } = { message: lastMessage, ms, attempt: i };
    if (i <= job.retries) error.retryInMs = retryDelayMs(i, job.backoff);
    port.emit('wms.error', stateId, error);
  }
  fail(port, token, { message: lastMessage }, lastClass);
}
