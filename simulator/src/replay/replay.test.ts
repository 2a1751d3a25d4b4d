import { describe, expect, it } from 'vitest';
import type { DialogEvent, MachineJson } from '@voiceman/runtime';
import { assignment, base, pick } from '../../test/machines.js';
import { createSimulation } from '../session.js';
import type { SimInput, WmsStubs } from '../types.js';
import { replaySession } from './replay.js';
import { replaySessions } from './batch.js';
import { stepsOf } from './steps.js';

const say = (text: string, confidence?: number): SimInput => ({ kind: 'speech', text, ...(confidence !== undefined ? { confidence } : {}) });
const okStubs: WmsStubs = { getAssignment: [{ status: 200, body: assignment }] };

/** A session as a terminal logs it: the runtime's own events of a dialog on `machine`. */
async function logged(inputs: SimInput[], stubs: WmsStubs = okStubs, machine = pick()): Promise<DialogEvent[]> {
  const sim = createSimulation({ ...base, machine, stubs });
  let view = await sim.start();
  for (const input of inputs) view = await sim.send(input);
  sim.dispose();
  return view.events;
}

const whole = [say('one two three'), say('yes'), say('five seven'), say('three')];
/** Wrong check digits first: the wrongSlot prompt at step 3. */
const wrongFirst = [say('one two three'), say('yes'), say('two two'), say('five seven'), say('three')];

/** A version whose wrong-slot prompt says something else. */
const reworded = () => pick((j) => {
  (j.states.wrongSlot!.entry as { params: { text: { en: string } } }[])[0]!.params.text.en = 'No, {{ assignment.aisle }}, {{ assignment.slot }}';
});

/** A version that calls a second request node (audit) after the assignment. */
const withAudit = () => pick((j: MachineJson) => {
  const ga = j.states.getAssignment!;
  const audit = JSON.parse(JSON.stringify(ga)) as typeof ga;
  audit.id = 'audit';
  (audit.meta as { vm: { nodeId: string } }).vm.nodeId = 'audit';
  audit.on = { 'REQUEST.OK': { target: '#slot' }, 'REQUEST.ERROR': { target: '#slot' } };
  j.states.audit = audit;
  (ga.on!['REQUEST.OK'] as { target: string }).target = '#audit';
});

describe('replaying a logged session', () => {
  it('is the same on an unchanged machine, step by step (silence, unclear, a low-confidence n-best included)', async () => {
    const inputs: SimInput[] = [say('one two three'), say('yes'), { kind: 'silence' }, { kind: 'unclear' }, say('five seven'), { kind: 'speech', text: 'tree', confidence: 0.9, alternatives: [{ text: 'three', confidence: 0.8 }] }];
    const events = await logged(inputs);
    const r = await replaySession(events, { machine: pick() });
    expect(r).toMatchObject({ verdict: 'same', divergedAt: null });
    expect(r.original).toEqual(r.replayed);
    expect(r.original).toHaveLength(7);
    expect(r.original[6]).toMatchObject({ input: { kind: 'speech', text: 'tree', alternatives: [{ text: 'three', confidence: 0.8 }] }, end: { status: 'done', result: { picked: 3, operator: '123' } } });
    expect(r.original[2]).toMatchObject({ prompts: ['Aisle 12, slot 4A'], requests: [{ node: 'getAssignment', method: 'POST', path: '/operators/123/assignment?terminal=simulator', answer: '200' }] });
  });

  it('reads events in seq order whatever order they come in', async () => {
    const events = await logged(whole);
    const r = await replaySession([...events].reverse(), { machine: pick() });
    expect(r.verdict).toBe('same');
  });

  it('diverges at the step where the new version says something else, with both sides', async () => {
    const [plain, wrong] = [await logged(whole), await logged(wrongFirst)];
    expect((await replaySession(plain, { machine: reworded() })).verdict).toBe('same');
    const r = await replaySession(wrong, { machine: reworded() });
    expect(r).toMatchObject({ verdict: 'diverged', step: 3, divergedAt: 3, reason: 'prompt 1 differs', expected: 'says "Wrong, 12, 4A"', actual: 'says "No, 12, 4A"' });
    expect(r.original[3]!.prompts).toEqual(['Wrong, 12, 4A', 'Aisle 12, slot 4A']);
    expect(r.replayed[3]!.prompts).toEqual(['No, 12, 4A', 'Aisle 12, slot 4A']);
  });

  it('diverges when the new version takes another path or ends differently', async () => {
    const events = await logged(whole);
    const rewired = pick((j) => {
      (j.states.slot!.on!['ANSWER.digits'] as { target: string }[])[0]!.target = '#done';
    });
    const r = await replaySession(events, { machine: rewired });
    expect(r).toMatchObject({ verdict: 'diverged', step: 3, reason: 'prompt 1 differs', expected: 'says "Pick 3"', actual: 'says "Assignment complete"' });
    expect(r.replayed[3]!.end).toMatchObject({ status: 'done' });
  });

  it('is inconclusive where the replay needs a WMS body the log truncated', async () => {
    const events = await logged(whole);
    const response = events.find((e) => e.type === 'wms.response')!;
    response.data = { status: 200, body: '{"aisle":12,"slot":"4A","qty', truncated: true, bodyBytes: 9000, ms: 5 };
    const r = await replaySession(events, { machine: pick() });
    expect(r.verdict).toBe('inconclusive');
    expect(r.step).toBe(2);
    expect(r.reason).toContain('"getAssignment" was truncated in the log (9000 bytes)');
  });

  it('is inconclusive where the new version makes a request the original never made', async () => {
    const events = await logged(whole);
    const r = await replaySession(events, { machine: withAudit() });
    expect(r).toMatchObject({ verdict: 'inconclusive', step: 2 });
    expect(r.reason).toContain('the original session never made this request (request node "audit")');
    // A session that never got that far is still compared in full.
    const early = await logged([say('sign off')]);
    expect((await replaySession(early, { machine: withAudit() })).verdict).toBe('same');
  });

  it('is inconclusive when the new version calls a node more often than the original did', async () => {
    const events = await logged(whole, { getAssignment: [{ status: 200, body: assignment }] });
    const twice = pick((j) => {
      j.states.getAssignment!.on!['REQUEST.OK'] = [
        { guard: { type: 'vm.cel', params: { expr: 'picked == 0' } }, target: '#getAssignment', reenter: true, actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'picked', expr: '1' }] } }] },
        { target: '#slot', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'assignment', expr: 'event.body' }, { variable: 'checkDigits', expr: 'event.body.checkDigits' }] } }] },
      ] as never;
    });
    const r = await replaySession(events, { machine: twice });
    expect(r).toMatchObject({ verdict: 'inconclusive', step: 2 });
    expect(r.reason).toContain('"getAssignment" is called more often than in the original session (1 logged answer)');
  });

  it('replays WMS timeouts and errors as they were logged', async () => {
    const events = await logged([say('one two three'), say('yes')], { getAssignment: [{ timeout: true }, { status: 503 }] });
    const r = await replaySession(events, { machine: pick() });
    expect(r.verdict).toBe('same');
    expect(r.replayed[2]!.requests!.map((q) => q.answer)).toEqual(['timeout after 3000 ms', 'HTTP 503']);
    expect(r.replayed[2]!.end).toMatchObject({ status: 'done', result: 'wms-error' });
  });

  it('is inconclusive for a session that never started or continues a switched one', async () => {
    const events = await logged(whole);
    const noStart = await replaySession(events.filter((e) => e.type !== 'session.start'), { machine: pick() });
    expect(noStart).toMatchObject({ verdict: 'inconclusive', step: 0 });
    expect(noStart.reason).toContain('never started');
    const switched = events.map((e) => (e.type === 'session.start' ? { ...e, data: { ...e.data, switchedFrom: { sessionId: 's0', versionHash: 'abcdef0123456789', stateId: 'slot', mapped: true } } } : e));
    expect((await replaySession(switched, { machine: pick() })).reason).toContain('switched from version abcdef012345');
    expect((await replaySession([], { machine: pick() })).verdict).toBe('inconclusive');
  });

  it('is inconclusive from the step where the terminal failed', async () => {
    const events = await logged(whole);
    const at = events.findIndex((e) => e.type === 'hypothesis' && e.data.text === 'five seven');
    events.splice(at, 0, { ...events[at]!, type: 'error', data: { code: 'host.listen', message: 'recogniser gone' } });
    const r = await replaySession(events, { machine: pick() });
    expect(r).toMatchObject({ verdict: 'inconclusive', step: 2 });
    expect(r.reason).toContain('host.listen');
  });

  it('compares an open session (no end yet) only as far as it went', async () => {
    const events = await logged([say('one two three'), say('yes')]);
    expect(stepsOf(events).at(-1)!.end).toBeUndefined();
    expect((await replaySession(events, { machine: pick() })).verdict).toBe('same');
    expect((await replaySession(events, { machine: reworded() })).verdict).toBe('same');
  });

  it('reads a paused and resumed session as one dialog (the re-said prompt and the lost call are not news)', async () => {
    const events = await logged(whole);
    // The terminal stopped while the assignment call was on its way, then resumed and called again.
    const at = events.findIndex((e) => e.type === 'wms.response');
    const request = events[at - 1]!;
    const pause: DialogEvent[] = [
      { ...request, type: 'session.end', data: { status: 'stopped' } },
      { ...request, type: 'session.resume', data: { seq: request.seq } },
      { ...request, type: 'prompt', state: 'operatorId', data: { text: 'Operator 123, correct?', reason: 'confirm', language: 'en' } },
      { ...request },
    ];
    const resumed = [...events.slice(0, at), ...pause, ...events.slice(at)].map((e, seq) => ({ ...e, seq }));
    const r = await replaySession(resumed, { machine: pick() });
    expect(r, JSON.stringify([r.original[2], r.replayed[2]])).toMatchObject({ verdict: 'same' });
    expect(r.original[2]!.requests).toHaveLength(1);
  });

  it('refuses a session of another process or language, in words', async () => {
    const events = await logged(whole);
    const other = pick((j) => {
      j.meta.vm.processKey = 'other';
    });
    expect((await replaySession(events, { machine: other })).reason).toBe('the session ran process case-pick, not other');
    const ru = events.map((e) => (e.type === 'session.start' ? { ...e, data: { ...e.data, language: 'de' } } : e));
    expect((await replaySession(ru, { machine: pick() })).reason).toBe('the session spoke de; this version speaks en, ru');
  });

  it('replays many sessions concurrently, results in order', async () => {
    const sessions = [await logged(whole), await logged(wrongFirst), await logged([say('sign off')])];
    const seen: string[] = [];
    const results = await replaySessions(sessions.map((events, i) => ({ key: `s${i}`, events })), {
      options: () => ({ machine: reworded() }), concurrency: 2, onResult: (item) => seen.push(item.key),
    });
    expect(results.map((r) => r.verdict)).toEqual(['same', 'diverged', 'same']);
    expect(seen.sort()).toEqual(['s0', 's1', 's2']);
  });
});
