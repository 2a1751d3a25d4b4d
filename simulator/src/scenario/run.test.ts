import { describe, expect, it } from 'vitest';
import { assignment, pick } from '../../test/machines.js';
import type { Scenario } from './format.js';
import { machineOutcomes, outcomeKey } from './outcomes.js';
import { runScenario } from './run.js';
import { coverageOf } from './coverage.js';

const whole: Scenario = {
  formatVersion: 1, name: 'a pick', process: 'case-pick',
  stubs: { getAssignment: [{ status: 200, body: assignment }] },
  start: { prompts: ['Welcome to voice picking', 'Operator ID?'] },
  steps: [
    { say: 'one two three', expect: { prompts: [{ contains: 'Operator 123' }], state: 'operatorId' } },
    { say: 'yes', expect: { prompts: ['Aisle 12, slot 4A'], variables: { main: { operator: '123', checkDigits: '57' } } } },
    { say: 'five seven', expect: { prompts: [{ matches: '^Pick \\d$' }] } },
    { say: 'three' },
  ],
  end: { status: 'done', state: 'done', result: { picked: 3, operator: '123' } },
};
const machine = pick();

describe('running a scenario', () => {
  it('passes when prompts, variables and the end are as expected, and lists the outcomes taken', async () => {
    const run = await runScenario(whole, { machine });
    expect(run.difference).toBeUndefined();
    expect(run).toMatchObject({ passed: true, steps: 4, status: 'done', stateId: 'done' });
    expect(run.taken).toEqual([
      outcomeKey('welcome', 'always', 'operatorId'),
      outcomeKey('operatorId', 'ANSWER.id', 'getAssignment'),
      outcomeKey('getAssignment', 'REQUEST.OK', 'slot'),
      outcomeKey('slot', 'ANSWER.digits', 'quantity'),
      outcomeKey('quantity', 'ANSWER.qty', 'done'),
    ]);
  });

  it('reports the first different prompt with its step, the expected and the heard text', async () => {
    const steps = structuredClone(whole.steps);
    steps[2]!.expect = { prompts: ['Pick 4'] };
    const run = await runScenario({ ...whole, steps }, { machine });
    expect(run.passed).toBe(false);
    expect(run.difference).toEqual({ step: 3, kind: 'prompt', message: 'step 3, prompt 1: expected "Pick 4", heard "Pick 3"', expected: 'Pick 4', actual: 'Pick 3' });
  });

  it('counts prompts: one more or one fewer than spoken is a difference', async () => {
    const run = await runScenario({ ...whole, start: { prompts: ['Welcome to voice picking'] } }, { machine });
    expect(run.difference).toMatchObject({ step: 0, kind: 'prompt', actual: 'Operator ID?' });
    expect(run.difference!.message).toContain('expected no more prompts');
  });

  it('reports a different end, a variable and a state', async () => {
    const end = await runScenario({ ...whole, end: { status: 'done', result: { picked: 2, operator: '123' } } }, { machine });
    expect(end.difference).toMatchObject({ step: 4, kind: 'end', actual: { status: 'done', state: 'done', result: { operator: '123', picked: 3 } } });
    const steps = structuredClone(whole.steps);
    steps[1]!.expect = { variables: { main: { operator: '124' } } };
    expect((await runScenario({ ...whole, steps }, { machine })).difference).toMatchObject({ step: 2, kind: 'variable', expected: '124', actual: '123' });
    steps[1]!.expect = { state: 'quantity' };
    expect((await runScenario({ ...whole, steps }, { machine })).difference).toMatchObject({ step: 2, kind: 'state', actual: 'slot' });
  });

  it('reports a dialog that ends before the inputs run out, and one that has not ended', async () => {
    const early = await runScenario({ ...whole, steps: [...whole.steps, { say: 'yes' }] }, { machine });
    expect(early.difference).toMatchObject({ step: 5, kind: 'input' });
    expect(early.difference!.message).toContain('ended (done) in "done"');
    const waiting = await runScenario({ ...whole, steps: whole.steps.slice(0, 2) }, { machine });
    expect(waiting.difference).toMatchObject({ step: 2, kind: 'end' });
    expect(waiting.difference!.message).toContain('still waits in "slot"');
  });

  it('leaves unchecked what the scenario does not say, and plays WMS failures from stubs', async () => {
    const run = await runScenario({
      formatVersion: 1, name: 'wms down', process: 'case-pick',
      stubs: { getAssignment: [{ status: 503 }] },
      steps: [{ say: 'one two three' }, { say: 'yes' }],
      end: { state: 'wmsDown', result: 'wms-error' },
    }, { machine });
    expect(run.passed).toBe(true);
    expect(run.taken).toContain(outcomeKey('getAssignment', 'REQUEST.ERROR', 'wmsDown'));
  });

  it("checks the end's outcome when the scenario names one", async () => {
    const named = pick((json) => void (json.states.done!.meta.vm.outcome = 'picked'));
    expect((await runScenario({ ...whole, end: { ...whole.end, outcome: 'picked' } }, { machine: named })).passed).toBe(true);
    const wrong = await runScenario({ ...whole, end: { ...whole.end, outcome: 'short' } }, { machine: named });
    expect(wrong.difference).toMatchObject({ kind: 'end', actual: { outcome: 'picked' } });
    expect((await runScenario({ ...whole, end: { ...whole.end, outcome: 'picked' } }, { machine })).difference).toMatchObject({ kind: 'end' });
  });

  it('a stub for a node that is not a request node is a difference, not a crash', async () => {
    const run = await runScenario({ ...whole, stubs: { slot: [{ status: 200 }] } }, { machine });
    expect(run.difference).toMatchObject({ step: 0, kind: 'stub' });
    expect(run.difference!.message).toContain('slot');
  });

  it('coverage counts the scenarios that took each outcome', async () => {
    const outcomes = machineOutcomes(machine);
    expect(outcomes.map((o) => o.key)).toEqual(expect.arrayContaining([
      outcomeKey('case-pick', 'GLOBAL.signOff', 'signedOff'), outcomeKey('slot', 'ANSWER.digits', 'wrongSlot'), outcomeKey('slot', 'ANSWER.digits', 'quantity'),
    ]));
    const a = await runScenario(whole, { machine });
    const b = await runScenario(whole, { machine });
    const report = coverageOf('case-pick', outcomes, [a, b]);
    expect(report.covered).toBe(5);
    expect(report.outcomes.find((o) => o.key === outcomeKey('slot', 'ANSWER.digits', 'quantity'))!.scenarios).toBe(2);
    expect(report.outcomes.find((o) => o.key === outcomeKey('slot', 'ANSWER.digits', 'wrongSlot'))!.scenarios).toBe(0);
    expect(report.percent).toBe(Math.round((5 / outcomes.length) * 1000) / 10);
  });
});
