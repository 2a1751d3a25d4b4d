import { describe, expect, it } from 'vitest';
import type { DialogInspectionEvent, HttpRequest } from '@voiceman/runtime';
import { assignment, base, pick } from '../test/machines.js';
import { createSimulation, SimulationStateError } from './session.js';
import { StubError } from './stubs.js';
import { toTranscript } from './transcript.js';
import type { SimView, WmsStubs } from './types.js';

const ok = { getAssignment: [{ status: 200, body: assignment }] } satisfies WmsStubs;
const says = (v: SimView) => v.transcript.filter((t) => t.kind === 'say').map((t) => `${t.reason}: ${t.text}`);
const speech = (text: string, confidence?: number) => ({ kind: 'speech' as const, text, ...(confidence !== undefined ? { confidence } : {}) });

async function atSlot(stubs: WmsStubs = ok) {
  const sim = createSimulation({ machine: pick(), ...base, stubs });
  await sim.start();
  await sim.send(speech('one two three'));
  return { sim, view: await sim.send(speech('yes')) };
}

describe('a simulation', () => {
  it('waits at the first ask and says what it accepts', async () => {
    const sim = createSimulation({ machine: pick(), ...base });
    const view = await sim.start();
    expect(view).toMatchObject({ status: 'waiting', stateId: 'operatorId', activeStates: ['operatorId'], steps: 0 });
    expect(says(view)).toEqual(['say: Welcome to voice picking', 'prompt: Operator ID?']);
    expect(view.expecting).toMatchObject({ stateId: 'operatorId', language: 'en', digits: { minLength: 3, maxLength: 3 }, confidenceThreshold: 0.5, timeoutMs: 7000 });
    expect(view.expecting!.phrases).toEqual(expect.arrayContaining(['sign off', 'repeat', 'help']));
    expect(view.visited).toEqual({ welcome: 1, operatorId: 1 });
    expect(view.edges).toEqual({ 'welcome->operatorId': 1 });
  });

  it('matches typed answers like a terminal: read-back, WMS stub, variables', async () => {
    const { view } = await atSlot();
    expect(says(view)).toEqual(['say: Welcome to voice picking', 'prompt: Operator ID?', 'confirm: Operator 123, correct?', 'prompt: Aisle 12, slot 4A']);
    const answers = view.transcript.filter((t) => t.kind === 'answer');
    expect(answers.map((a) => [a.step, a.text, a.confidence, a.matched])).toEqual([[1, 'one two three', 0.95, 'id'], [2, 'yes', 0.95, 'yes']]);
    const wms = view.transcript.filter((t) => t.kind === 'wms');
    expect(wms).toHaveLength(1);
    expect(wms[0]!.wms).toMatchObject({ method: 'POST', url: 'https://wms.example/operators/123/assignment?terminal=simulator', status: 200, requestBody: { operator: '123' }, responseBody: assignment });
    expect(view.variables.main).toMatchObject({ operator: '123', checkDigits: '57' });
    expect(view.lastChanged).toEqual({ scope: 'main', name: 'checkDigits' });
    expect(view.transcript.find((t) => t.kind === 'variable' && t.variable!.name === 'operator')!.variable).toEqual({ scope: 'main', name: 'operator', value: '123', previous: '' });
    expect(view.steps).toBe(2);
    expect(view.expecting).toMatchObject({ stateId: 'slot', digits: { minLength: 2, maxLength: 2 } });
  });

  it('understands the built-in words as a terminal does: slower; back up, refused after the WMS write', async () => {
    const { sim } = await atSlot();
    const slower = await sim.send(speech('slower'));
    expect(says(slower).slice(-2)).toEqual(['word: Slower.', 'repeat: Aisle 12, slot 4A']);
    // The assignment was taken with a POST between the operator id and the slot.
    const back = await sim.send(speech('back up'));
    expect(back.stateId).toBe('slot');
    expect(says(back).slice(-2)).toEqual(["word: Can't go back, pick already sent.", 'repeat: Aisle 12, slot 4A']);
  });

  it('fires the silence timeout at once on the virtual clock', async () => {
    const sim = createSimulation({ machine: pick(), ...base });
    const start = await sim.start();
    const view = await sim.send({ kind: 'silence' });
    const silence = view.transcript.find((t) => t.kind === 'silence')!;
    expect(silence.ts - start.transcript.at(-1)!.ts).toBe(7000);
    expect(says(view).slice(2)).toEqual(['reprompt: I did not hear you.', 'prompt: Operator ID?']);
    expect(view.status).toBe('waiting');
  });

  it('takes unclear speech and low-confidence answers as no-matches', async () => {
    const sim = createSimulation({ machine: pick(), ...base });
    await sim.start();
    const unclear = await sim.send({ kind: 'unclear' });
    expect(unclear.transcript.filter((t) => t.kind === 'nomatch').map((t) => t.reason)).toEqual(['low-confidence']);
    const low = await sim.send(speech('one two three', 0.3));
    expect(low.transcript.filter((t) => t.kind === 'nomatch').map((t) => t.reason)).toEqual(['low-confidence', 'low-confidence']);
    // Third no-match: the ask gives up (maxAttempts 3) and the dialog signs off.
    const gone = await sim.send(speech('banana'));
    expect(gone.transcript.filter((t) => t.kind === 'nomatch').at(-1)).toMatchObject({ reason: 'out-of-vocabulary', text: 'banana' });
    expect(gone).toMatchObject({ status: 'done', result: { status: 'done', result: 'signed-off' } });
    expect(says(gone).at(-1)).toBe('end: Signed off');
    expect(gone.transcript.at(-1)).toMatchObject({ kind: 'end', end: { status: 'done', result: 'signed-off' } });
    await expect(sim.send(speech('yes'))).rejects.toThrow(SimulationStateError);
  });

  it('retries through a stub sequence: a timeout, then an answer', async () => {
    const { view } = await atSlot({ getAssignment: [{ timeout: true }, { status: 200, body: assignment, delayMs: 250 }] });
    const wms = view.transcript.filter((t) => t.kind === 'wms').map((t) => t.wms);
    expect(wms).toEqual([
      expect.objectContaining({ attempt: 1, error: 'timeout after 3000 ms', ms: 3000 }),
      expect.objectContaining({ attempt: 2, status: 200, ms: 250 }),
    ]);
    expect(view.stateId).toBe('slot');
  });

  it('repeats the last stub answer and reaches the error path', async () => {
    const { view } = await atSlot({ getAssignment: [{ networkError: 'connection refused' }] });
    expect(view.transcript.filter((t) => t.kind === 'wms').map((t) => t.wms!.error)).toEqual(['network failure: connection refused', 'network failure: connection refused']);
    expect(view).toMatchObject({ status: 'done', stateId: 'wmsDown', result: { result: 'wms-error' } });
    expect(says(view).at(-1)).toBe('end: No work available');
  });

  it('a stub slower than the request timeout is a timeout', async () => {
    const { view } = await atSlot({ getAssignment: [{ status: 200, body: assignment, delayMs: 5000 }] });
    expect(view.transcript.filter((t) => t.kind === 'wms').map((t) => t.wms!.error)).toEqual(['timeout after 3000 ms', 'timeout after 3000 ms']);
  });

  it('sends unstubbed requests to the fetcher; a fetcher timeout is the request timeout', async () => {
    const seen: HttpRequest[] = [];
    const sim = createSimulation({
      machine: pick(), ...base,
      fetcher: async (request) => {
        seen.push(request);
        if (seen.length === 1) throw Object.assign(new Error('too slow'), { name: 'TimeoutError' });
        return { status: 200, headers: {}, body: assignment };
      },
    });
    await sim.start();
    await sim.send(speech('one two three'));
    const view = await sim.send(speech('yes'));
    expect(seen.map((r) => r.url)).toEqual(['https://wms.example/operators/123/assignment?terminal=simulator', 'https://wms.example/operators/123/assignment?terminal=simulator']);
    expect(view.transcript.filter((t) => t.kind === 'wms').map((t) => t.wms!.error ?? t.wms!.status)).toEqual(['timeout after 3000 ms', 200]);
  });

  it('without a stub or a fetcher, says so in the transcript', async () => {
    const { view } = await atSlot({});
    expect(view.transcript.find((t) => t.kind === 'wms')!.wms!.error).toContain('no stub for request node "getAssignment"');
  });

  it('steps back to before an answer and takes another one', async () => {
    const { sim, view } = await atSlot({ getAssignment: [{ status: 200, body: assignment }, { status: 200, body: { ...assignment, aisle: 14 } }] });
    const back = await sim.stepBack(1);
    expect(back).toMatchObject({ status: 'waiting', stateId: 'operatorId', steps: 1 });
    expect(says(back)).toEqual(['say: Welcome to voice picking', 'prompt: Operator ID?', 'confirm: Operator 123, correct?']);
    // The operator is assigned once the read-back is confirmed: not yet at step 1.
    expect(back.variables.main!.operator).toBe('');
    // "no" at the read-back asks again; the step back rewound the stub too (first answer again).
    const no = await sim.send(speech('no'));
    expect(says(no).at(-1)).toBe('prompt: Operator ID?');
    await sim.send(speech('four five six'));
    const again = await sim.send(speech('yes'));
    expect(says(again).at(-1)).toBe('prompt: Aisle 12, slot 4A');
    expect(again.steps).toBe(4);
    const first = await sim.stepBack(0);
    expect(first).toMatchObject({ steps: 0, stateId: 'operatorId' });
    expect(says(first)).toEqual(['say: Welcome to voice picking', 'prompt: Operator ID?']);
    expect(first.variables.main!.operator).toBe('');
    expect(view.steps).toBe(2);
    await expect(sim.stepBack(3)).rejects.toThrow('from 0 to 0');
  });

  it('steps back from the end of the dialog', async () => {
    const sim = createSimulation({ machine: pick(), ...base });
    await sim.start();
    for (let i = 0; i < 3; i++) await sim.send({ kind: 'silence' });
    expect(sim.view().status).toBe('done');
    const back = await sim.stepBack(2);
    expect(back).toMatchObject({ status: 'waiting', steps: 2 });
    expect(back.result).toBeUndefined();
  });

  it('suspends while waiting and resumes on the next answer as if it had never stopped', async () => {
    const sim = createSimulation({ machine: pick(), ...base, stubs: ok });
    await sim.start();
    await sim.send({ kind: 'silence' });
    const before = await sim.send(speech('one two three'));
    sim.suspend();
    expect(sim.suspended).toBe(true);
    expect(sim.view()).toBe(before);
    const after = await sim.send(speech('yes'));
    expect(sim.suspended).toBe(false);
    expect(says(after).slice(-2)).toEqual(['confirm: Operator 123, correct?', 'prompt: Aisle 12, slot 4A']);
    // The resumed dialog kept the ask's counters and the transcript has no second prompt.
    expect(after.transcript.filter((t) => t.kind === 'say' && t.text === 'Operator 123, correct?')).toHaveLength(1);
    expect(after.transcript.filter((t) => t.kind === 'wms')).toHaveLength(1);
    expect((await sim.stepBack(1)).steps).toBe(1);
    sim.suspend();
    expect((await sim.restart()).steps).toBe(0);
  });

  it('restarts with the same input and stubs', async () => {
    const { sim } = await atSlot();
    const fresh = await sim.restart();
    expect(fresh).toMatchObject({ status: 'waiting', stateId: 'operatorId', steps: 0 });
    expect(says(fresh)).toEqual(['say: Welcome to voice picking', 'prompt: Operator ID?']);
    await sim.send(speech('one two three'));
    expect(says(await sim.send(speech('yes'))).at(-1)).toBe('prompt: Aisle 12, slot 4A');
  });

  it('starts with chosen input variables, and refuses unknown ones', async () => {
    const sim = createSimulation({ machine: pick(), ...base, input: { picked: 5 } });
    expect((await sim.start()).variables.main!.picked).toBe(5);
    await expect(createSimulation({ machine: pick(), ...base, input: { nope: 1 } }).start()).rejects.toThrow('"nope"');
  });

  it('refuses a stub for a node that is no request node', () => {
    expect(() => createSimulation({ machine: pick(), ...base, stubs: { slot: [{ status: 200 }] } })).toThrow(StubError);
  });

  it('derives the transcript from its events alone (replay gives the same)', async () => {
    const { view } = await atSlot();
    expect(toTranscript(view.events)).toEqual(view.transcript);
  });

  it('runs timeouts on the wall clock in real-time mode', async () => {
    const machine = pick((json) => {
      json.meta.vm.settings.noInputTimeoutMs = 30;
    });
    const sim = createSimulation({ machine, ...base, clock: 'real' });
    await sim.start();
    const changed = await new Promise<SimView>((resolve) => sim.subscribe(resolve));
    expect(changed.transcript.filter((t) => t.kind === 'silence')).toHaveLength(1);
    expect(changed.status).toBe('waiting');
    sim.dispose();
  });

  it('reports inspection events of the machine', async () => {
    const seen: DialogInspectionEvent[] = [];
    const sim = createSimulation({ machine: pick(), ...base, stubs: ok, inspect: (e) => seen.push(e) });
    await sim.start();
    await sim.send(speech('one two three'));
    const types = new Set(seen.map((e) => e.type));
    expect([...types].sort()).toEqual(['actor', 'event', 'microstep', 'snapshot']);
    const step = seen.find((e) => e.type === 'microstep' && e.transitions.some((t) => t.targets.includes('operatorId')));
    expect(step).toMatchObject({ actorId: expect.stringMatching(/^sim-/), transitions: [{ source: 'welcome', targets: ['operatorId'] }] });
  });
});
