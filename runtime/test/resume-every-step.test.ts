/**
 * The resume guarantee, step by step: a crash can happen right after any save (storage then
 * holds exactly that record; whatever happened after it is lost). For every save of a whole
 * picking dialog (reprompts, a refused read-back, a WMS write, a wrong check digit, silence), a
 * new dialog on that storage must finish as the uninterrupted one did, number its events after
 * everything the crashed one may have used, and repeat a WMS write with the same idempotency key.
 */
import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, MemoryStorage, runUntilDone, type DialogEvent, type ScriptedHost, type ScriptedListen } from '../src/index.js';
import { pickMachine } from './fixtures.js';
import type { Job } from '../src/jobs.js';

const assignment = { aisle: 12, slot: '4 A/b', qty: 3, checkDigits: '57' };
const answers: ScriptedListen[] = ['banana', 'four two seven', 'no', 'four two seven', 'yes', 'one one', 'five seven', null, 'three'];
const machine = loadMachine(pickMachine);
const options = { sessionId: 'crash', terminalId: 'T-1', versionHash: 'v1' };

function host(storage: MemoryStorage, listen: ScriptedListen[]): ScriptedHost {
  return createScriptedHost({ storage, listen, responses: () => ({ status: 200, body: assignment }) });
}

/** The answers a record has taken in: those whose hypothesis or silence it was saved after. */
const answersTaken = (events: DialogEvent[], seq: number) => events.filter((e) => e.seq <= seq && (e.type === 'hypothesis' || e.type === 'silence')).length;

describe('resume after a crash at every step', () => {
  it('every saved record of a whole dialog resumes to the same end', async () => {
    const storage = new MemoryStorage();
    const saves: string[] = [];
    const save = storage.save.bind(storage);
    storage.save = (key, value) => (saves.push(value), save(key, value));
    const reference = host(storage, answers);
    const expected = await runUntilDone(createDialog(machine, reference, options), reference);
    expect(expected).toEqual({ status: 'done', result: { picked: 3, operator: '427' }, stateId: 'done' });
    expect(storage.data.size).toBe(0);
    const key = reference.requests[0]!.headers['Idempotency-Key'];
    expect(saves.length).toBeGreaterThan(10);

    const resumedAt = new Set<string>();
    let repeated = 0;
    for (const [i, text] of saves.entries()) {
      const record = JSON.parse(text) as { seq: number; seqCeiling: number; current: Job | null; queue: Job[] };
      const savedRequest = [record.current, ...record.queue].find((j) => j?.kind === 'request');
      const crashed = new MemoryStorage();
      crashed.data.set('voiceman.session.crash', text);
      const again = host(crashed, answers.slice(answersTaken(reference.events, record.seq)));
      const result = await runUntilDone(createDialog(machine, again, options), again);
      const at = `save ${i + 1} of ${saves.length}`;
      expect(result, at).toEqual(expected);
      expect(again.events[0]!.type, at).toBe('session.resume');
      resumedAt.add(again.events[0]!.state!);
      expect(Math.min(...again.events.map((e) => e.seq)), at).toBeGreaterThan(record.seqCeiling);
      // A write saved before the crash is repeated with the key it was first sent with.
      if (savedRequest) {
        expect(again.requests.map((r) => r.headers['Idempotency-Key']), at).toEqual([key]);
        repeated++;
      }
      expect(crashed.data.size, at).toBe(0);
    }
    expect(repeated).toBeGreaterThan(0);
    // The saves cover the dialog: each ask, the request and the end were crash points.
    expect([...resumedAt].sort()).toEqual(expect.arrayContaining(['getAssignment', 'operatorId', 'quantity', 'slot']));
  });
});
