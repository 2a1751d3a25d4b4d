import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockWms, type MockWms } from '@voiceman/examples';
import { storageKey, type DialogEvent } from '@voiceman/runtime';
import { ServerClient } from './client.js';
import { EventQueue } from './queue.js';
import { RulesCache } from './rules.js';
import { CURRENT_SESSION_KEY, SessionDriver, storedSessionVersions, type SessionRecord } from './session.js';
import { memoryStorage } from './storage.js';
import { compileExample, markSwitchPoint, ScriptedOperator, serverDouble, setPrompt, type Compiled } from './test-support.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await startMockWms({ port: 0, testRoutes: true });
});
afterAll(() => wms.close());
beforeEach(async () => {
  await fetch(`${wms.url}/test/reset`, { method: 'POST' });
});

const voice = { language: 'en' as const, rate: 1, pitch: 1, volume: 1 };
const toFirstSlot = ['four two seven', 'yes', 'ready', 'ready'];

/** A terminal's storage, rules cache and driver over a server double that deploys `deployed`. */
async function terminal(deployed: () => Compiled[], operator: ScriptedOperator, storage = memoryStorage()) {
  const server = serverDouble(() => ({
    site: { id: 'dev-lab', name: 'Lab', environment: 'development' },
    processes: deployed().map((c, i) => ({ processKey: c.machine.meta.vm.processKey, versionNumber: i + 1, hash: c.hash, machine: c.machine })),
  }));
  const client = new ServerClient({ servers: ['http://server.test'], token: 't', fetch: server.fetch });
  const rules = new RulesCache(storage.kv, client, () => storedSessionVersions(storage.kv));
  await rules.refresh();
  const queue = new EventQueue(storage.queue);
  const events: DialogEvent[] = [];
  const operators: string[] = [];
  const driver = new SessionDriver({
    terminalId: '00000000-0000-4000-8000-000000000001', kv: storage.kv, queue, rules, speech: operator, voice: () => voice,
    onOperator: (id) => operators.push(id), host: { onEvent: (e) => events.push(e) },
  });
  return { storage, rules, queue, driver, events, operators, server };
}

async function queued(storage: ReturnType<typeof memoryStorage>): Promise<DialogEvent[]> {
  return storage.queue.peek(100_000);
}

describe('session driver', () => {
  it('runs case-picking from sign-on to the first slot, queueing every event in emission order', async () => {
    const v1 = compileExample('case-picking', undefined, wms.url);
    const op = new ScriptedOperator([...toFirstSlot]);
    const t = await terminal(() => [v1], op);
    const done = t.driver.start('case-picking', v1.hash);
    await op.idle();
    expect(op.spoken).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'Hello, Ivan Petrov.', 'Assignment 1 0 2 3 4, 4 picks, 11 cases. Ready?', 'Aisle 12.', 'Slot 4 A.']);
    expect(t.operators).toEqual(['427']);
    await t.queue.flushed();
    const q = await queued(t.storage);
    expect(q.map((e) => e.id)).toEqual(t.events.map((e) => e.id));
    expect(q.map((e) => e.seq)).toEqual([...q.map((e) => e.seq)].sort((a, b) => a - b));
    // Events after sign-on carry the operator.
    expect(q.at(-1)!.operatorId).toBe('427');
    await t.driver.stop();
    expect((await done).status).toBe('stopped');
  });

  it('"softer" and "slower" in an ask change the voice of the prompts that follow, through the host', async () => {
    const v1 = compileExample('case-picking', undefined, wms.url);
    const op = new ScriptedOperator(['softer', 'slower', 'louder', 'louder']);
    let current = { ...voice };
    const kept: { volume: number; rate: number }[] = [];
    const storage = memoryStorage();
    const t = await terminal(() => [v1], op, storage);
    const driver = new SessionDriver({
      terminalId: '00000000-0000-4000-8000-000000000001', kv: storage.kv, queue: t.queue, rules: t.rules, speech: op, voice: () => current,
      setVoice: async (s) => {
        kept.push(s);
        current = { ...current, ...s };
      },
    });
    const done = driver.start('case-picking', v1.hash);
    await op.idle();
    expect(op.spoken).toEqual(['Operator ID?', 'Softer.', 'Operator ID?', 'Slower.', 'Operator ID?', 'Louder.', 'Operator ID?', 'This is the loudest.', 'Operator ID?']);
    expect(kept).toEqual([{ volume: 0.8, rate: 1 }, { volume: 0.8, rate: 0.75 }, { volume: 1, rate: 0.75 }]);
    // Each reply is already spoken with the voice it announces.
    expect(op.voices.map((v) => [v.volume, v.rate])).toEqual([[1, 1], [0.8, 1], [0.8, 1], [0.8, 0.75], [0.8, 0.75], [1, 0.75], [1, 0.75], [1, 0.75], [1, 0.75]]);
    await driver.stop();
    await done;
  });

  it('never saves a snapshot before the events that led to it are queued', async () => {
    const v1 = compileExample('case-picking', undefined, wms.url);
    const op = new ScriptedOperator([...toFirstSlot, 'five seven']);
    const storage = memoryStorage();
    const violations: string[] = [];
    const set = storage.kv.set.bind(storage.kv);
    // Every snapshot write is checked against the queue at that moment.
    storage.kv.set = async (key, value) => {
      if (key.startsWith('voiceman.session.')) {
        const saved = JSON.parse(value) as { seq: number };
        const seqs = new Set([...storage.queue.waiting.values()].map((e) => e.seq));
        for (let s = 1; s <= saved.seq; s++) if (!seqs.has(s)) violations.push(`seq ${s} missing when a snapshot at seq ${saved.seq} was saved`);
      }
      return set(key, value);
    };
    const t = await terminal(() => [v1], op, storage);
    void t.driver.start('case-picking', v1.hash);
    await op.idle();
    expect(op.spoken.at(-1)).toBe('Pick 3.');
    expect(violations).toEqual([]);
    await t.driver.stop();
  });

  it('a killed app resumes the session at the same step on the same version', async () => {
    const v1 = compileExample('case-picking', undefined, wms.url);
    const storage = memoryStorage();
    const op1 = new ScriptedOperator([...toFirstSlot]);
    const first = await terminal(() => [v1], op1, storage);
    void first.driver.start('case-picking', v1.hash);
    await op1.idle();
    const record = JSON.parse((await storage.kv.get(CURRENT_SESSION_KEY))!) as SessionRecord;
    // The app dies here (nothing is stopped); a new one starts on the same storage, while the
    // site has meanwhile moved on to another version.
    const v2 = compileExample('case-picking', setPrompt('slot', 'Location {{ pick.slot }}.'), wms.url);
    const op2 = new ScriptedOperator(['five seven']);
    const second = await terminal(() => [v2], op2, storage);
    const stored = await second.driver.stored();
    expect(stored).toMatchObject({ sessionId: record.sessionId, versionHash: v1.hash, operatorId: '427' });
    void second.driver.resume(stored!);
    await op2.idle();
    // The slot prompt is asked again on the old version, then the dialog goes on.
    expect(op2.spoken).toEqual(['Slot 4 A.', 'Pick 3.']);
    const q = await queued(storage);
    const resume = q.find((e) => e.type === 'session.resume')!;
    expect(resume.sessionId).toBe(record.sessionId);
    expect(resume.versionHash).toBe(v1.hash);
    expect(new Set(q.map((e) => `${e.sessionId}:${e.seq}`)).size).toBe(q.length);
    await second.driver.stop();
  });

  it('takes a new version only at a switch point, carrying the state by node id', async () => {
    const v1 = compileExample('case-picking', markSwitchPoint('slot'), wms.url);
    const v2 = compileExample('case-picking', (f) => {
      markSwitchPoint('slot')(f);
      setPrompt('slot', 'Location {{ pick.slot }}.')(f);
    }, wms.url);
    const op = new ScriptedOperator([...toFirstSlot, 'five seven']);
    let deployed = [v1];
    const t = await terminal(() => deployed, op);
    const done = t.driver.start('case-picking', v1.hash);
    await op.idle();
    expect(op.spoken.at(-1)).toBe('Pick 3.');
    const oldSession = t.driver.current!.sessionId;
    deployed = [v2];
    await t.rules.refresh([v1.hash]);
    t.driver.offer('case-picking', v2.hash, await t.rules.machine('case-picking', v2.hash));
    // Mid-task nothing changes: the quantity is taken on v1; the next slot is the switch point.
    op.say('three');
    await op.idle();
    expect(op.spoken.slice(-1)).toEqual(['Location 9 B.']);
    const current = t.driver.current!;
    expect(current.versionHash).toBe(v2.hash);
    expect(current.sessionId).not.toBe(oldSession);
    expect(current.operatorId).toBe('427');
    const q = await queued(t.storage);
    const end = q.find((e) => e.type === 'session.end' && e.sessionId === oldSession)!;
    expect(end.data).toMatchObject({ status: 'switched' });
    const start = q.find((e) => e.type === 'session.start' && e.sessionId === current.sessionId)!;
    expect(start.versionHash).toBe(v2.hash);
    expect(start.data.switchedFrom).toEqual({ sessionId: oldSession, versionHash: v1.hash, stateId: 'slot', mapped: true });
    // The pick in hand was carried: the WMS confirms the second pick of the same assignment.
    op.say('two one', 'two');
    await op.idle();
    expect(op.spoken.slice(-2)).toEqual(['Pick 2.', 'Aisle 14.']);
    const assignment = await (await fetch(`${wms.url}/picking/assignments/10234`)).json();
    expect(assignment.picks.map((p: { picked: number | null }) => p.picked)).toEqual([3, 2, null, null]);
    await t.driver.stop();
    expect((await done).status).toBe('stopped');
  });

  it('restarts the process on the new version when the switch point is not in it, and logs the mapping', async () => {
    const v1 = compileExample('case-picking', markSwitchPoint('slot'), wms.url);
    const v2 = compileExample('case-picking', (f) => {
      const slot = f.nodes.find((n) => n.id === 'slot')!;
      slot.id = 'location';
      for (const e of f.edges) {
        if (e.source === 'slot') e.source = 'location';
        if (e.target === 'slot') e.target = 'location';
      }
    }, wms.url);
    const op = new ScriptedOperator([...toFirstSlot, 'five seven']);
    const t = await terminal(() => [v1, v2], op);
    void t.driver.start('case-picking', v1.hash);
    await op.idle();
    const oldSession = t.driver.current!.sessionId;
    t.driver.offer('case-picking', v2.hash, await t.rules.machine('case-picking', v2.hash));
    op.say('three');
    await op.idle();
    expect(op.spoken.slice(-2)).toEqual(['Pick 3.', 'Operator ID?']);
    const q = await queued(t.storage);
    const start = q.find((e) => e.type === 'session.start' && e.sessionId === t.driver.current!.sessionId)!;
    expect(start.data.switchedFrom).toEqual({ sessionId: oldSession, versionHash: v1.hash, stateId: 'slot', mapped: false });
    await t.driver.stop();
  });

  it('a version offered with no switch point in the machine waits for the end of the session', async () => {
    const v1 = compileExample('sign-on', undefined, wms.url);
    const v2 = compileExample('sign-on', setPrompt('askId', 'Your operator number?'), wms.url);
    const op = new ScriptedOperator(['four two seven']);
    const t = await terminal(() => [v1, v2], op);
    const done = t.driver.start('sign-on', v1.hash);
    await op.idle();
    t.driver.offer('sign-on', v2.hash, await t.rules.machine('sign-on', v2.hash));
    op.say('yes');
    expect((await done).status).toBe('done');
    expect(op.spoken).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'Hello, Ivan Petrov.']);
    expect(await t.storage.kv.get(CURRENT_SESSION_KEY)).toBeNull();
    const q = await queued(t.storage);
    expect(new Set(q.map((e) => e.versionHash))).toEqual(new Set([v1.hash]));
    expect(await t.storage.kv.get(storageKey(q[0]!.sessionId))).toBeNull();
  });
});
