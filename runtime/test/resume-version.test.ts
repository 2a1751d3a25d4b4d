import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, storageKey } from '../src/index.js';
import { askMachine } from './helpers.js';

describe('resume across machine versions', () => {
  const machine = loadMachine(askMachine());
  const base = { sessionId: 'v-1', terminalId: 't' };

  async function stoppedSession(versionHash = 'hash-A') {
    const first = createScriptedHost({ listen: [] });
    const d1 = createDialog(machine, first, { ...base, versionHash });
    await d1.start();
    await first.blocked();
    await d1.stop();
    return first;
  }

  it('the stored session names its version and process', async () => {
    const first = await stoppedSession();
    expect(JSON.parse(first.storage.data.get(storageKey('v-1'))!)).toMatchObject({ versionHash: 'hash-A', processKey: 'ask' });
  });

  it('another version: an error event, the dialog ends with a clear error, the stored record is kept', async () => {
    const first = await stoppedSession();
    const stored = first.storage.data.get(storageKey('v-1'));
    const second = createScriptedHost({ storage: first.storage, listen: ['seven'] });
    const d2 = createDialog(machine, second, { ...base, versionHash: 'hash-B' });
    await d2.start();
    const result = await d2.done;
    expect(result).toMatchObject({ status: 'error', stateId: 'q' });
    expect(result.error).toMatch(/saved by process "ask" version hash-A, this is "ask" version hash-B/);
    expect(second.events.map((e) => [e.type, e.data.code ?? e.data.status])).toEqual([
      ['error', 'snapshot.version'],
      ['session.end', 'error'],
    ]);
    expect(second.events[0]!.seq).toBe(first.events.at(-1)!.seq + 1);
    expect(second.spoken).toEqual([]);
    expect(second.storage.data.get(storageKey('v-1'))).toBe(stored);
  });

  it("another process under the same session id is refused the same way", async () => {
    const first = await stoppedSession();
    const other = askMachine();
    other.meta.vm.processKey = 'other';
    const second = createScriptedHost({ storage: first.storage });
    const d2 = createDialog(loadMachine(other), second, { ...base, versionHash: 'hash-A' });
    await d2.start();
    expect((await d2.done).error).toMatch(/process "ask" version hash-A, this is "other"/);
  });

  it("onVersionMismatch: 'restart' reports it and starts the process over", async () => {
    const first = await stoppedSession();
    const second = createScriptedHost({ storage: first.storage, listen: ['seven'] });
    const d2 = createDialog(machine, second, { ...base, versionHash: 'hash-B', onVersionMismatch: 'restart' });
    await d2.start();
    expect(await d2.done).toMatchObject({ status: 'done', result: { way: 'qty', answer: 7 } });
    expect(second.events.slice(0, 2).map((e) => [e.type, e.data.code])).toEqual([
      ['error', 'snapshot.version'],
      ['session.start', undefined],
    ]);
    expect(second.spoken.map((s) => s.text)).toEqual(['Quantity?']);
  });

  it('the same version resumes', async () => {
    const first = await stoppedSession();
    const second = createScriptedHost({ storage: first.storage, listen: ['seven'] });
    const d2 = createDialog(machine, second, { ...base, versionHash: 'hash-A' });
    await d2.start();
    expect((await d2.done).status).toBe('done');
    expect(second.events[0]!.type).toBe('session.resume');
  });
});
