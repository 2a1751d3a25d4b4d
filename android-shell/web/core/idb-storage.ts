/**
 * The terminal's storage in IndexedDB (`idb`: a thin promise wrapper, kept by the Chrome team;
 * raw IDBRequest callbacks are where ordering bugs hide). One database, three object stores:
 * `kv`, `queue` (autoincrement key = emission order, index on the event id), `rejected`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DialogEvent } from '@voiceman/runtime';
import type { KeyValueStore, QueueStore, RejectedEvent, TerminalStorage } from './storage.js';

interface Schema extends DBSchema {
  kv: { key: string; value: string };
  queue: { key: number; value: { id: string; event: DialogEvent }; indexes: { id: string } };
  rejected: { key: number; value: RejectedEvent };
}

export const DB_NAME = 'voiceman-terminal';

export async function openIdbStorage(name = DB_NAME): Promise<TerminalStorage> {
  const db = await openDB<Schema>(name, 1, {
    upgrade(d) {
      d.createObjectStore('kv');
      d.createObjectStore('queue', { autoIncrement: true }).createIndex('id', 'id', { unique: true });
      d.createObjectStore('rejected', { autoIncrement: true });
    },
  });
  return { kv: new IdbKeyValueStore(db), queue: new IdbQueueStore(db) };
}

class IdbKeyValueStore implements KeyValueStore {
  constructor(private readonly db: IDBPDatabase<Schema>) {}
  async get(key: string) {
    return (await this.db.get('kv', key)) ?? null;
  }
  async set(key: string, value: string) {
    await this.db.put('kv', value, key);
  }
  async remove(key: string) {
    await this.db.delete('kv', key);
  }
  async keys(prefix: string) {
    return this.db.getAllKeys('kv', IDBKeyRange.bound(prefix, prefix + '\uffff'));
  }
}

class IdbQueueStore implements QueueStore {
  constructor(private readonly db: IDBPDatabase<Schema>) {}
  async append(events: DialogEvent[]) {
    const tx = this.db.transaction('queue', 'readwrite');
    const done = tx.done;
    for (const event of events) {
      // A failed add aborts the transaction and `done` rejects: all or none.
      tx.store.add({ id: event.id, event }).catch(() => undefined);
    }
    await done;
  }
  async peek(limit: number) {
    const rows = await this.db.getAll('queue', undefined, limit);
    return rows.map((r) => r.event);
  }
  async acknowledge(ids: string[]) {
    const tx = this.db.transaction('queue', 'readwrite');
    const index = tx.store.index('id');
    await Promise.all(ids.map(async (id) => {
      const key = await index.getKey(id);
      if (key !== undefined) await tx.store.delete(key);
    }));
    await tx.done;
  }
  async reject(rejected: RejectedEvent[]) {
    const tx = this.db.transaction(['queue', 'rejected'], 'readwrite');
    const queue = tx.objectStore('queue');
    const aside = tx.objectStore('rejected');
    await Promise.all(rejected.map(async (r) => {
      const key = await queue.index('id').getKey(r.event.id);
      if (key === undefined) return;
      await queue.delete(key);
      await aside.add(r);
    }));
    await tx.done;
  }
  async backlog() {
    return this.db.count('queue');
  }
  async rejected() {
    return this.db.getAll('rejected');
  }
}
