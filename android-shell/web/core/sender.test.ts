import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '@voiceman/runtime';
import { ServerClient } from './client.js';
import { EventQueue } from './queue.js';
import { backoffDelay, EventSender } from './sender.js';
import { memoryStorage, MemoryQueueStore } from './storage.js';
import { serverDouble } from './test-support.js';

const event = (seq: number): DialogEvent => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, sessionId: 's', seq, ts: 1, terminalId: 't',
  operatorId: null, processKey: 'p', versionHash: 'h', type: 'prompt', state: 'a', data: { text: `prompt ${seq}` },
});

/** Timers the test fires by hand. */
function manualTimers() {
  const timers: { fn: () => void; ms: number }[] = [];
  return {
    timers,
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    clearTimeout: (h: unknown) => {
      const i = (h as number) - 1;
      if (timers[i]) timers[i]!.fn = () => undefined;
    },
  };
}

describe('event queue', () => {
  it('keeps emission order across appends and reports durability after the store has them', async () => {
    const store = new MemoryQueueStore();
    const queue = new EventQueue(store);
    for (let i = 1; i <= 5; i++) queue.push(event(i));
    expect(await store.backlog()).toBe(0);
    await queue.flushed();
    queue.push(event(6));
    await queue.flushed();
    expect((await store.peek(10)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a store that keeps failing makes flushed() reject, so no snapshot is saved past the lost events', async () => {
    const store = new MemoryQueueStore();
    store.append = async () => {
      throw new Error('quota exceeded');
    };
    const queue = new EventQueue(store);
    queue.push(event(1));
    await expect(queue.flushed()).rejects.toThrow(/could not be queued: quota exceeded/);
  });
});

describe('event sender', () => {
  it('sends in bounded batches, oldest first, and removes only what the server stored or already had', async () => {
    const storage = memoryStorage();
    await storage.queue.append(Array.from({ length: 1050 }, (_, i) => event(i + 1)));
    const server = serverDouble(() => ({ site: null, processes: [] }));
    server.stored.add(event(2).id); // sent before, the answer got lost
    const client = new ServerClient({ servers: ['http://a.test'], token: 't', fetch: server.fetch });
    const sender = new EventSender(client, storage.queue, { batchSize: 400 });
    await sender.now();
    const batches = server.received.filter((r) => r.path === '/api/terminal/v1/events').map((r) => (r.body as { events: DialogEvent[] }).events);
    expect(batches.map((b) => b.length)).toEqual([400, 400, 250]);
    expect(batches.flat().map((e) => e.seq)).toEqual(Array.from({ length: 1050 }, (_, i) => i + 1));
    expect(await storage.queue.backlog()).toBe(0);
    expect(sender.status).toMatchObject({ state: 'idle', sent: 1050, rejected: 0 });
  });

  it('keeps rejected events aside with the reason, never drops them', async () => {
    const storage = memoryStorage();
    await storage.queue.append([event(1), event(2), event(3)]);
    const server = serverDouble(() => ({ site: null, processes: [] }));
    server.rejectIds([event(2).id]);
    const sender = new EventSender(new ServerClient({ servers: ['http://a.test'], token: 't', fetch: server.fetch }), storage.queue);
    await sender.now();
    expect(await storage.queue.backlog()).toBe(0);
    const rejected = await storage.queue.rejected();
    expect(rejected.map((r) => [r.event.seq, r.code])).toEqual([[2, 'invalid_event']]);
    expect(rejected[0]!.event.data).toEqual({ text: 'prompt 2' });
  });

  it('backs off exponentially with jitter while the server is down and delivers once it is back', async () => {
    const storage = memoryStorage();
    await storage.queue.append([event(1)]);
    const server = serverDouble(() => ({ site: null, processes: [] }));
    server.setDown(true);
    const timers = manualTimers();
    const sender = new EventSender(new ServerClient({ servers: ['http://a.test', 'http://b.test'], token: 't', fetch: server.fetch }), storage.queue, {
      baseDelayMs: 1000, maxDelayMs: 8000, random: () => 1, ...timers,
    });
    await sender.now();
    for (let i = 0; i < 4; i++) {
      const t = timers.timers.at(-1)!;
      t.fn();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(timers.timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(await storage.queue.backlog()).toBe(1);
    server.setDown(false);
    await sender.now();
    expect(await storage.queue.backlog()).toBe(0);
    expect(sender.status.failures).toBe(0);
  });

  it('jitter spreads the delay over [base/2, ceiling]', () => {
    expect(backoffDelay(3, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('moves to the standby server when the main one does not answer', async () => {
    const storage = memoryStorage();
    await storage.queue.append([event(1)]);
    const standby = serverDouble(() => ({ site: null, processes: [] }));
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(input).startsWith('http://main.test') ? Promise.reject(new TypeError('connection refused')) : standby.fetch(input, init)) as typeof fetch;
    const client = new ServerClient({ servers: ['http://main.test', 'http://standby.test'], token: 't', fetch: fetchImpl });
    await new EventSender(client, storage.queue).now();
    expect(await storage.queue.backlog()).toBe(0);
    expect(client.server).toBe('http://standby.test');
  });
});
