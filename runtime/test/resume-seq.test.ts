import { describe, expect, it } from 'vitest';
import { MemoryStorage, createDialog, createScriptedHost, loadMachine, type DialogEvent, type ScriptedHost } from '../src/index.js';
import { askMachine } from './helpers.js';

/** What survives a crash: the storage as it is now, with no stop() ever called. */
function crashCopy(host: ScriptedHost): MemoryStorage {
  const copy = new MemoryStorage();
  for (const [k, v] of host.storage.data) copy.data.set(k, v);
  return copy;
}

function expectUniqueIncreasing(events: DialogEvent[]) {
  const seqs = events.map((e) => e.seq);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i], `seq ${seqs[i]} after ${seqs[i - 1]}`).toBeGreaterThan(seqs[i - 1]!);
}

describe('seq numbers across a crash', () => {
  const machine = loadMachine(askMachine());
  const base = { sessionId: 'crash-1', terminalId: 't', versionHash: 'v' };

  it('a session resumed after a crash mid-listen (no stop) never reuses a seq', async () => {
    // no match → reprompt and prompt again: events emitted after the last save
    const first = createScriptedHost({ listen: ['banana'] });
    await createDialog(machine, first, base).start();
    await first.blocked();
    const storage = crashCopy(first);

    const second = createScriptedHost({ storage, listen: ['seven'] });
    const d2 = createDialog(machine, second, base);
    await d2.start();
    expect((await d2.done).status).toBe('done');
    expect(second.events[0]!.type).toBe('session.resume');
    expectUniqueIncreasing([...first.events, ...second.events]);
  });

  it('holds when hundreds of events are emitted without a step (repeat, help) and after two crashes', async () => {
    const first = createScriptedHost({ listen: Array.from({ length: 150 }, (_, i) => (i % 2 ? 'repeat' : 'help')) });
    await createDialog(machine, first, base).start();
    await first.blocked();
    expect(first.events.length).toBeGreaterThan(300);

    const second = createScriptedHost({ storage: crashCopy(first), listen: ['repeat', 'banana', 'repeat'] });
    await createDialog(machine, second, base).start();
    await second.blocked();

    const third = createScriptedHost({ storage: crashCopy(second), listen: ['seven'] });
    const d3 = createDialog(machine, third, base);
    await d3.start();
    expect((await d3.done).status).toBe('done');
    expectUniqueIncreasing([...first.events, ...second.events, ...third.events]);
  });

  it('a stopped session resumes right after its last seq (no reserved gap)', async () => {
    const first = createScriptedHost({ listen: ['banana'] });
    const d1 = createDialog(machine, first, base);
    await d1.start();
    await first.blocked();
    await d1.stop();
    const second = createScriptedHost({ storage: first.storage, listen: ['seven'] });
    await createDialog(machine, second, base).start();
    expect(second.events[0]!.seq).toBe(first.events.at(-1)!.seq + 1);
  });
});
