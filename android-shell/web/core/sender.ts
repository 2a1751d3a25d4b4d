/**
 * Sends the queue to the server, oldest first, one bounded batch at a time (one request in
 * flight per terminal, so a terminal draining a large backlog shares the server with the others
 * that log live). An event leaves the queue only when the server lists it as stored or
 * duplicate; rejected ones are moved aside (shown on the device, counted in the heartbeat).
 * Failures back off exponentially with full jitter.
 */
import type { DialogEvent } from '@voiceman/runtime';
import { HttpError, NetworkError, type ServerClient } from './client.js';
import type { QueueStore } from './storage.js';

export interface SenderOptions {
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Wait after new events arrive, so a step's events go together. */
  lingerMs?: number;
  random?: () => number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  onChange?: (status: SenderStatus) => void;
}

export interface SenderStatus {
  state: 'idle' | 'sending' | 'waiting' | 'stopped';
  lastError: string | null;
  /** Consecutive failures. */
  failures: number;
  /** The last failure was the network (no server answered), not an HTTP error. */
  lastNetworkError: boolean;
  sent: number;
  rejected: number;
}

interface IngestAnswer {
  stored: string[];
  duplicates: string[];
  rejected: { id: string; code: string; message: string }[];
}

export const MAX_SERVER_BATCH = 500;

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^failures)], at least base/2. */
export function backoffDelay(failures: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(failures, 30));
  return Math.max(base / 2, Math.round(ceiling * random()));
}

export class EventSender {
  readonly status: SenderStatus = { state: 'idle', lastError: null, failures: 0, lastNetworkError: false, sent: 0, rejected: 0 };
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly o: Required<Omit<SenderOptions, 'onChange'>> & Pick<SenderOptions, 'onChange'>;

  constructor(private readonly client: ServerClient, private readonly store: QueueStore, options: SenderOptions = {}) {
    this.o = {
      batchSize: Math.min(options.batchSize ?? 200, MAX_SERVER_BATCH),
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      lingerMs: options.lingerMs ?? 100,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      setTimeout: options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimeout: options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)),
      onChange: options.onChange,
    };
  }

  /** New events are waiting: send soon, unless backing off after a failure. */
  kick(): void {
    if (this.stopped || this.running || (this.timer !== null && this.status.state === 'waiting')) return;
    this.schedule(this.o.lingerMs);
  }

  /** Send now, even while backing off (the network came back). */
  now(): Promise<void> {
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = null;
    return this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = null;
    this.set('stopped');
  }

  private schedule(ms: number) {
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = this.o.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private set(state: SenderStatus['state']) {
    this.status.state = state;
    this.o.onChange?.({ ...this.status });
  }

  /** Drains until empty or a failure; one run at a time. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = await this.store.peek(this.o.batchSize);
      if (batch.length === 0) {
        this.set('idle');
        return;
      }
      this.set('sending');
      try {
        await this.send(batch);
        this.status.failures = 0;
        this.status.lastError = null;
      } catch (error) {
        this.status.failures++;
        this.status.lastError = (error as Error).message;
        this.status.lastNetworkError = error instanceof NetworkError;
        if (error instanceof HttpError && error.status === 401) {
          // The terminal was revoked: retrying cannot help; the events stay queued.
          this.stop();
          return;
        }
        this.set('waiting');
        this.schedule(backoffDelay(this.status.failures - 1, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random));
        return;
      }
    }
  }

  private async send(batch: DialogEvent[]): Promise<void> {
    const answer = await this.client.json<IngestAnswer>('POST', '/api/terminal/v1/events', { events: batch });
    const byId = new Map(batch.map((e) => [e.id, e]));
    const done = [...answer.stored, ...answer.duplicates];
    await this.store.acknowledge(done);
    const now = this.o.now();
    const rejected = answer.rejected.flatMap((r) => {
      const event = byId.get(r.id);
      return event ? [{ event, code: r.code, message: r.message, at: now }] : [];
    });
    if (rejected.length > 0) await this.store.reject(rejected);
    this.status.sent += done.length;
    this.status.rejected += rejected.length;
    // An event the server neither stored nor refused (should not happen) would be peeked again
    // forever: treat a batch that moved nothing as a failure, so it backs off.
    if (done.length + rejected.length === 0) throw new Error('the server acknowledged none of the batch');
  }
}
