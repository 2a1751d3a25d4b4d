/**
 * Where the terminal keeps what must survive a crash: a key/value store (rules cache, session
 * snapshots, settings) and the dialog-event queue. IndexedDB in a browser or WebView
 * (`idb-storage.ts`), memory in Node (tests, the load generator).
 */
import type { DialogEvent } from '@voiceman/runtime';

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Keys starting with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

export interface RejectedEvent {
  event: DialogEvent;
  code: string;
  message: string;
  at: number;
}

/** The durable queue: events in the order appended; rejected ones kept aside, never dropped. */
export interface QueueStore {
  /** Appends in order, atomically (all or none). */
  append(events: DialogEvent[]): Promise<void>;
  /** The oldest `limit` waiting events. */
  peek(limit: number): Promise<DialogEvent[]>;
  /** Removes waiting events the server acknowledged (stored or duplicate). */
  acknowledge(ids: string[]): Promise<void>;
  /** Moves waiting events aside as rejected. */
  reject(rejected: RejectedEvent[]): Promise<void>;
  backlog(): Promise<number>;
  rejected(): Promise<RejectedEvent[]>;
}

export interface TerminalStorage {
  kv: KeyValueStore;
  queue: QueueStore;
}

export class MemoryKeyValueStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  async get(key: string) {
    return this.data.get(key) ?? null;
  }
  async set(key: string, value: string) {
    this.data.set(key, value);
  }
  async remove(key: string) {
    this.data.delete(key);
  }
  async keys(prefix: string) {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }
}

export class MemoryQueueStore implements QueueStore {
  // Map keeps insertion order, like IndexedDB's autoincrement key.
  readonly waiting = new Map<string, DialogEvent>();
  readonly aside: RejectedEvent[] = [];
  async append(events: DialogEvent[]) {
    for (const e of events) this.waiting.set(e.id, structuredCloneJson(e));
  }
  async peek(limit: number) {
    const out: DialogEvent[] = [];
    for (const e of this.waiting.values()) {
      if (out.length >= limit) break;
      out.push(e);
    }
    return out;
  }
  async acknowledge(ids: string[]) {
    for (const id of ids) this.waiting.delete(id);
  }
  async reject(rejected: RejectedEvent[]) {
    for (const r of rejected) {
      if (this.waiting.delete(r.event.id)) this.aside.push(r);
    }
  }
  async backlog() {
    return this.waiting.size;
  }
  async rejected() {
    return [...this.aside];
  }
}

export function memoryStorage(): TerminalStorage & { kv: MemoryKeyValueStore; queue: MemoryQueueStore } {
  return { kv: new MemoryKeyValueStore(), queue: new MemoryQueueStore() };
}

/** A copy, as a real store would keep: later changes to the object do not reach the stored one. */
function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
