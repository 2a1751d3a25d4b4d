/** Generated paths on every example process: what they cover, and a named reason for the rest. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExampleKey } from '@voiceman/examples';
import { exampleStubs, generatePaths, machineOutcomes, parseScenario, runScenario, type Scenario, type SimView } from '@voiceman/simulator';
import { candidateInputs } from '../src/scenario/candidates.js';
import { machineFor } from '../../examples/test/harness.js';

const flows = new URL('../../examples/flows/', import.meta.url);
const recorded: Scenario[] = readdirSync(flows)
  .filter((n) => n.endsWith('.scenario.json'))
  .map((n) => parseScenario(readFileSync(new URL(n, flows), 'utf8'), n));
const processes: ExampleKey[] = ['sign-on', 'putaway', 'cycle-count', 'replenishment', 'case-picking'];

describe('generated paths', { timeout: 180_000 }, () => {
  it.each(processes)('%s: every outcome is covered or named with a reason; the paths replay as scenarios', async (key) => {
    const machine = machineFor(key);
    const all = machineOutcomes(machine).map((o) => o.key);
    const generated = await generatePaths({ machine, process: key, examples: exampleStubs(recorded.filter((s) => s.process === key)), maxSends: 700 });
    expect([...generated.covered, ...generated.unreached.map((u) => u.key)].sort()).toEqual([...all].sort());
    for (const u of generated.unreached) expect(u.reason.length).toBeGreaterThan(20);
    expect(generated.covered.length / all.length).toBeGreaterThan(key === 'case-picking' ? 0.4 : 0.6);
    // Each path, recorded with its prompts and the WMS answers it got, passes as a scenario.
    for (const scenario of generated.scenarios) {
      const run = await runScenario(scenario, { machine });
      expect(run.difference).toBeUndefined();
    }
  });

  it('sign-on: every outcome is reached, three refusals included, and the search stops there', async () => {
    const machine = machineFor('sign-on');
    const generated = await generatePaths({ machine, process: 'sign-on', examples: exampleStubs(recorded.filter((s) => s.process === 'sign-on')) });
    expect(generated.unreached).toEqual([]);
    expect(generated.covered).toHaveLength(machineOutcomes(machine).length);
    expect(generated.exhausted).toBe(false);
    expect(generated.scenarios.some((s) => s.end?.state === 'endFailed' && s.stubs?.signOnRequest?.[0] && 'status' in s.stubs.signOnRequest[0] && s.stubs.signOnRequest[0].status === 503)).toBe(true);
  });

  it('putaway: the search goes deep enough for the checked answer\'s WRONG outcome and the supervisor\'s way back', async () => {
    const machine = machineFor('putaway');
    const all = machineOutcomes(machine);
    const generated = await generatePaths({ machine, process: 'putaway', examples: exampleStubs(recorded.filter((s) => s.process === 'putaway')) });
    expect(generated.covered).toContain('slot --WRONG--> slotSupervisor');
    expect(generated.covered).toContain('slotSupervisor --ANSWER.ready--> slot');
    expect(generated.covered.length / all.length).toBeGreaterThan(0.9);
  });

  it('case-picking: an ask\'s own words (description, how much more) are among the inputs tried there', () => {
    const machine = machineFor('case-picking');
    const view = { expecting: { stateId: 'slot', language: 'en' }, variables: {} } as unknown as SimView;
    const texts = candidateInputs(machine, view).flatMap((i) => (i.kind === 'speech' ? [i.text] : []));
    for (const word of machine.asks.slot!.words ?? []) expect(texts).toContain(word.phrases.en![0]);
    expect(machine.asks.slot!.words?.length).toBeGreaterThan(0);
  });
});
