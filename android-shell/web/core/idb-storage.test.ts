import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DialogEvent } from '@voiceman/runtime';
import { openIdbStorage } from './idb-storage.js';

const event = (seq: number): DialogEvent => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, sessionId: 's', seq, ts: 1, terminalId: 't',
  operatorId: null, processKey: 'p', versionHash: 'h', type: 'prompt', state: 'a', data: { n: seq },
});

describe('IndexedDB storage', () => {
  it('keeps the queue in order across reopening, acknowledges and rejects by id', async () => {
    const name = `t-${Math.random()}`;
    const a = await openIdbStorage(name);
    await a.queue.append([event(1), event(2), event(3)]);
    await a.queue.append([event(4)]);
    await a.kv.set('machine:x', '{}');
    await a.kv.set('other', '1');
    const b = await openIdbStorage(name);
    expect((await b.queue.peek(3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    await b.queue.acknowledge([event(1).id, event(3).id, 'unknown']);
    await b.queue.reject([{ event: event(2), code: 'invalid_event', message: 'no', at: 5 }]);
    expect((await b.queue.peek(10)).map((e) => e.seq)).toEqual([4]);
    expect(await b.queue.backlog()).toBe(1);
    expect((await b.queue.rejected()).map((r) => [r.event.seq, r.code])).toEqual([[2, 'invalid_event']]);
    expect(await b.kv.keys('machine:')).toEqual(['machine:x']);
  });

  it('an append with a duplicate id stores none of its events', async () => {
    const s = await openIdbStorage(`t-${Math.random()}`);
    await s.queue.append([event(1)]);
    await expect(s.queue.append([event(2), event(1)])).rejects.toBeTruthy();
    expect((await s.queue.peek(10)).map((e) => e.seq)).toEqual([1]);
  });
});
