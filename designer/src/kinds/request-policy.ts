/**
 * The request inspector's retry policy and failure-class edits, framework-free: each returns
 * new request data, and leaves a property out when it is back at its default, so a request
 * edited back to its old policy compiles to the old bytes (no empty `retryStatuses: []`).
 */
import type { NodeOfKind } from './types.js';

type RequestData = NodeOfKind<'request'>['data'];
export type Backoff = NonNullable<RequestData['backoff']>;
export type ErrorClass = NonNullable<RequestData['errorOutcomes']>[number];

/** In the order the node's handles show them (the compiler's REQUEST_ERROR_CLASSES). */
export const ERROR_CLASSES = ['notFound', 'conflict', 'clientError', 'serverError', 'timeout', 'network'] as const satisfies readonly ErrorClass[];

/** The HTTP statuses a retry may name (the flow schema's bounds). */
export const RETRY_STATUS_MIN = 400;
export const RETRY_STATUS_MAX = 599;
export const BACKOFF_MAX_MS = 60_000;

/**
 * Statuses typed as "500, 503": the valid ones (400–599, each once, in the order typed) and
 * the pieces that are not, for the field's hint.
 */
export function parseStatuses(items: readonly string[]): { statuses: number[]; invalid: string[] } {
  const statuses: number[] = [];
  const invalid: string[] = [];
  for (const item of items) {
    const n = /^\d{3}$/.test(item) ? Number(item) : NaN;
    if (Number.isInteger(n) && n >= RETRY_STATUS_MIN && n <= RETRY_STATUS_MAX) {
      if (!statuses.includes(n)) statuses.push(n);
    } else invalid.push(item);
  }
  return { statuses, invalid };
}

const without = <T extends object, K extends keyof T>(data: T, key: K): T => {
  const copy = { ...data };
  delete copy[key];
  return copy;
};

export function withRetryStatuses(data: RequestData, statuses: readonly number[]): RequestData {
  return statuses.length === 0 ? without(data, 'retryStatuses') : { ...data, retryStatuses: [...statuses] };
}

/** `type: 'default'` removes the backoff (the runtime's 500 ms doubling to 8 s). */
export function withBackoff(data: RequestData, change: { type: 'default' | Backoff['type']; delayMs?: number; maxDelayMs?: number | undefined }): RequestData {
  if (change.type === 'default') return without(data, 'backoff');
  const clamp = (ms: number) => Math.min(BACKOFF_MAX_MS, Math.max(0, Math.round(ms)));
  const previous = data.backoff;
  const backoff: Backoff = { type: change.type, delayMs: clamp(change.delayMs ?? previous?.delayMs ?? 1000) };
  const max = 'maxDelayMs' in change ? change.maxDelayMs : previous?.maxDelayMs;
  if (max !== undefined && change.type === 'exponential') backoff.maxDelayMs = clamp(max);
  return { ...data, backoff };
}

/** Turns one failure class's own outcome on or off, keeping the classes in handle order. */
export function withErrorOutcome(data: RequestData, cls: ErrorClass, on: boolean): RequestData {
  const current = new Set(data.errorOutcomes ?? []);
  if (on) current.add(cls);
  else current.delete(cls);
  const list = ERROR_CLASSES.filter((c) => current.has(c));
  return list.length === 0 ? without(data, 'errorOutcomes') : { ...data, errorOutcomes: list };
}

/** What the card says about the policy: "retry ×2 on 500, 503", or nothing for the default. */
export function policySummary(data: RequestData): string | null {
  if (!data.retryStatuses?.length) return null;
  return `×${data.retries} · ${data.retryStatuses.join(', ')}`;
}
