import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '@voiceman/runtime';
import { EventQueue } from './queue.js';
import { MemoryQueueStore } from './storage.js';

const event = (seq: number): DialogEvent => ({ id: `e${seq}`, seq, type: 'transition', state: 's', data: {} } as unknown as DialogEvent);

describe('event queue', () => {
  it('appends outside the step that emitted (no storage work between a word and the reply), in order, one append per task', async () => {
    const store = new MemoryQueueStore();
    const appends: string[][] = [];
    const append = store.append.bind(store);
    store.append = async (events) => {
      appends.push(events.map((e) => e.id));
      return append(events);
    };
    const queue = new EventQueue(store);
    queue.push(event(1));
    queue.push(event(2));
    // Every microtask of the emitting step runs first: nothing has reached the store yet.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(appends).toEqual([]);
    await queue.flushed();
    queue.push(event(3));
    await queue.flushed();
    expect(appends).toEqual([['e1', 'e2'], ['e3']]);
    expect([...store.waiting.keys()]).toEqual(['e1', 'e2', 'e3']);
  });
});
