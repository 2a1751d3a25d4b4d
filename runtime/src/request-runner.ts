/**
 * One WMS call: timeout through the host clock, retries on timeout or network failure only,
 * after an exponential backoff (./idempotency.ts); a write carries the same `Idempotency-Key`
 * in every attempt.
 */
import type { JsonValue } from './format.js';
import type { HttpResponse } from './host.js';
import type { Job } from './jobs.js';
import type { DriverPort } from './driver-port.js';
import { urlProblem } from './template.js';
import { putEventBody } from './event-body.js';
import { idempotencyKeyOf, retryDelayMs } from './idempotency.js';

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
  const key = idempotencyKeyOf(request.headers);
  for (let i = 1; i <= job.retries + 1; i++) {
    if (i > 1) {
      await wait(port, retryDelayMs(i - 1));
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
      if (status >= 200 && status < 300) {
        const event: { [k: string]: JsonValue } = { status, body: null, ms };
        putEventBody(event, body);
        port.emit('wms.response', stateId, event);
        port.finish(token, { type: 'REQUEST.OK', status, body, headers });
      } else {
        const message = `HTTP ${status}`;
        port.emit('wms.error', stateId, { message, status, ms });
        port.finish(token, { type: 'REQUEST.ERROR', status, message, body });
      }
      return;
    }
    lastMessage = result.kind === 'timeout' ? `timeout after ${request.timeoutMs} ms` : `network failure: ${result.message}`;
    const error: { [k: string]: JsonValue } = { message: lastMessage, ms, attempt: i };
    if (i <= job.retries) error.retryInMs = retryDelayMs(i);
    port.emit('wms.error', stateId, error);
  }
  port.finish(token, { type: 'REQUEST.ERROR', message: lastMessage });
}
