import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '@voiceman/compiler';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { loadMachine } from '@voiceman/runtime';
import { createSimulation, inputOf, parseScenario, runScenario } from '@voiceman/simulator';
import { differenceText, replayPlan } from './difference.js';
import { canSave, nameProblem, scenarioFromRun } from './record.js';

const picking = exampleFlow('case-picking') as FlowGraph;
const signOn = resolveExampleProcess('sign-on')!;
const compile = (graph: FlowGraph) => loadMachine(compileFlow(graph, { resolveProcess: (k) => (k === 'sign-on' ? signOn : undefined), referenceData: exampleReferenceData() }).machine);
const example = parseScenario(readFileSync(new URL('../../../examples/flows/case-picking.assignment.scenario.json', import.meta.url), 'utf8'));

/** The Simulate panel's run, as a tester would make it: the example's answers against its WMS answers. */
async function simulatedRun(graph: FlowGraph) {
  const sim = createSimulation({ machine: compile(graph), processKey: 'case-picking', versionHash: 'draft', language: 'en', stubs: example.stubs!, input: example.input ?? {} });
  let view = await sim.start();
  for (const step of example.steps) view = await sim.send(inputOf(step));
  sim.dispose();
  return view;
}

describe('Save as scenario', () => {
  it('checks the name before sending', () => {
    expect(nameProblem('  ')).toBe('empty');
    expect(nameProblem('x'.repeat(201))).toBe('tooLong');
    expect(nameProblem(' happy ', ['happy'])).toBe('taken');
    expect(nameProblem('happy path')).toBeNull();
  });

  it('records a finished run that replays green, and fails at the changed prompt once the flow changes', async () => {
    const view = await simulatedRun(picking);
    expect(canSave(view)).toBe(true);
    const scenario = scenarioFromRun({ view, processKey: 'case-picking', language: 'en', input: example.input ?? {} }, '  whole assignment ', 'recorded in the panel');
    expect(scenario).toMatchObject({ name: 'whole assignment', process: 'case-picking', language: 'en', description: 'recorded in the panel', end: { status: 'done' } });
    expect(scenario.steps.length).toBe(example.steps.length);
    expect(Object.keys(scenario.stubs ?? {})).toContain('getAssignment');
    expect((await runScenario(scenario, { machine: compile(picking) })).passed).toBe(true);

    // The designer changes the aisle prompt: the first difference is that prompt, at its step.
    const changed = structuredClone(picking);
    const aisle = changed.nodes.find((n) => n.id === 'aisle')! as { data: { prompt: Record<string, string> } };
    const before = aisle.data.prompt.en!;
    aisle.data.prompt.en = `${before} Now.`;
    const run = await runScenario(scenario, { machine: compile(changed) });
    expect(run.passed).toBe(false);
    const d = differenceText(run.difference!);
    expect(d.kind).toBe('prompt');
    expect(d.actual).toContain('Now.');
    expect(d.expected).not.toContain('Now.');

    // Opening it in the simulator replays the inputs up to that step with the scenario's stubs.
    const plan = replayPlan(scenario, d.step);
    expect(plan.inputs).toEqual(scenario.steps.slice(0, d.step).map(inputOf));
    expect(plan.stubs).toBe(scenario.stubs);
    expect(plan.language).toBe('en');
    expect(replayPlan(scenario, 10_000).inputs.length).toBe(scenario.steps.length);
    expect(replayPlan(scenario, 0).inputs).toEqual([]);
  });

  it('does not offer to save a run that has not started or heard nothing', () => {
    expect(canSave(null)).toBe(false);
  });
});
