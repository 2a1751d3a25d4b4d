import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '@voiceman/compiler';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { loadMachine } from '@voiceman/runtime';
import { createSimulation, parseScenario, type WmsStubs } from '@voiceman/simulator';
import { createSimStore, initialSettings } from '../simulate/sim-store.js';
import { toStubs } from '../simulate/stub-form.js';
import { replayPlan } from './difference.js';
import { replayInSimulator, stubFormOf } from './replay.js';

const picking = exampleFlow('case-picking') as FlowGraph;
const signOn = resolveExampleProcess('sign-on')!;
const machine = loadMachine(compileFlow(picking, { resolveProcess: (k) => (k === 'sign-on' ? signOn : undefined), referenceData: exampleReferenceData() }).machine);
const scenario = parseScenario(readFileSync(new URL('../../../examples/flows/case-picking.assignment.scenario.json', import.meta.url), 'utf8'));

describe('opening a scenario in the Simulate panel', () => {
  it('puts every kind of stub answer into the panel form so a new run gets the same stubs', () => {
    const stubs: WmsStubs = { a: [{ status: 200, body: { x: [1] } }, { status: 503, delayMs: 20 }], b: [{ timeout: true }, { networkError: 'refused' }] };
    expect(toStubs(stubFormOf(stubs))).toEqual({ ok: true, stubs });
  });

  it('starts the panel with the scenario settings and replays its answers up to the step', async () => {
    // Any WMS call the stubs do not cover would fail the run: none may reach a network.
    const store = createSimStore(async (settings) => createSimulation({ machine, processKey: 'case-picking', versionHash: 'draft', language: settings.language, input: settings.input, stubs: settings.stubs }), initialSettings('ru'));
    await replayInSimulator(store, replayPlan(scenario, 3), picking.process.languages);
    const s = store.getState();
    expect(s.phase).toBe('running');
    expect(s.view?.steps).toBe(3);
    expect(s.view?.transcript.filter((t) => t.kind === 'say').at(-1)?.text).toBe('Aisle 12.');
    expect(s.settings.stubs).toEqual(scenario.stubs);
    // The Stubs tab shows them, so "New run" replays against the same WMS answers.
    expect(toStubs(s.stubForm)).toEqual({ ok: true, stubs: scenario.stubs });
    s.stop();
  });
});
