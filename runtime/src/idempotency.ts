/**
 * WMS writes are made safe to repeat: every non-GET request job gets an `Idempotency-Key`
 * header when it is queued, so the key is part of the job the session record persists and is
 * the same for every retry and for a resume after a crash. A WMS that honours it (see
 * docs/wms-integration.md) applies a repeated write once. Between retries the runner waits
 * with exponential backoff on the host clock, or the request's own `backoff` (format 2).
 */
import type { Backoff } from './format.js';
import type { Host } from './host.js';
import type { Job } from './jobs.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Wait before retry number `retry` (1 = the first retry): 500 ms, 1 s, 2 s, 4 s, then 8 s. */
export const RETRY_BASE_MS = 500;
export const RETRY_MAX_MS = 8_000;

export function retryDelayMs(retry: number, backoff?: Backoff): number {
  if (!backoff) return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, retry - 1));
  const max = backoff.maxDelayMs ?? BACKOFF_MAX_MS;
  return Math.min(max, backoff.type === 'fixed' ? backoff.delayMs : backoff.delayMs * 2 ** Math.max(0, retry - 1));
}

/** The longest wait a flow's own backoff may ask for between two tries. */
export const BACKOFF_MAX_MS = 60_000;

/** The request's key, whatever case the header was written in; undefined for none. */
export function idempotencyKeyOf(headers: Record<string, string>): string | undefined {
  for (const name in headers) if (name.toLowerCase() === 'idempotency-key') return headers[name];
  return undefined;
}

/**
 * The job as it is queued: a non-GET request without a key of its own (a flow may set the
 * header itself, e.g. from a WMS task id) gets a fresh one from the host.
 */
export function withIdempotencyKey(job: Job, host: Host): Job {
  if (job.kind !== 'request' || job.request.method === 'GET') return job;
  if (idempotencyKeyOf(job.request.headers) !== undefined) return job;
  return { ...job, request: { ...job.request, headers: { ...job.request.headers, [IDEMPOTENCY_HEADER]: host.randomUUID() } } };
}
