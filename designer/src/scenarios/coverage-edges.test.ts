import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '@voiceman/compiler';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { loadMachine } from '@voiceman/runtime';
import { coverageOf, machineOutcomes, parseScenario, runScenario } from '@voiceman/simulator';
import { edgeCoverage, handleOf } from './coverage-edges.js';

const picking = exampleFlow('case-picking') as FlowGraph;
const signOn = resolveExampleProcess('sign-on')!;
const machine = loadMachine(compileFlow(picking, { resolveProcess: (k) => (k === 'sign-on' ? signOn : undefined), referenceData: exampleReferenceData() }).machine);
const outcomes = machineOutcomes(machine);
const scenario = (name: string) => parseScenario(readFileSync(new URL(`../../../examples/flows/case-picking.${name}.scenario.json`, import.meta.url), 'utf8'));
const edge = (source: string, outcome: string) => picking.edges.find((e) => e.source === source && e.outcome === outcome)!.id;

async function coverageFor(names: string[]) {
  const runs = await Promise.all(names.map((n) => runScenario(scenario(n), { machine })));
  for (const r of runs) expect(r.difference, r.name).toBeUndefined();
  return coverageOf('case-picking', outcomes, runs);
}

describe('outcome coverage on the canvas', () => {
  it('reads the handle from the event where the event names it', () => {
    expect(handleOf('ANSWER.checkDigits')).toBe('checkDigits');
    expect(handleOf('NOINPUT')).toBe('noInput');
    expect(handleOf('REQUEST.ERROR')).toBe('error');
    expect(handleOf('always')).toBeNull();
  });

  it('maps every edge of case-picking to some outcome of its machine', async () => {
    const cov = edgeCoverage(picking, await coverageFor(['assignment']));
    const mapped = new Set([...cov.covered, ...cov.uncovered]);
    expect(picking.edges.filter((e) => !mapped.has(e.id)).map((e) => `${e.source} ${e.outcome}`)).toEqual([]);
  });

  it('colours what the happy path leaves out, and a WMS failure scenario covers its edge', async () => {
    const happy = edgeCoverage(picking, await coverageFor(['assignment']));
    // Taken: the subflow's exit, a decision's branch, an answer; left: the WMS error path.
    expect(happy.covered).toContain(edge('signOn', 'done'));
    expect(happy.covered).toContain(edge('slot', 'checkDigits'));
    expect(happy.covered).toContain(edge('getAssignment', 'ok'));
    expect(happy.uncovered).toContain(edge('getAssignment', 'error'));
    expect(happy.uncovered).toContain(edge('signOn', 'failed'));
    // Two edges between the same nodes are told apart by the event (ok vs error).
    expect(happy.covered.has(edge('signOffRequest', 'ok')) && happy.covered.has(edge('signOffRequest', 'error'))).toBe(false);

    const withFailure = edgeCoverage(picking, await coverageFor(['assignment', 'wms-503']));
    expect(withFailure.uncovered.size).toBeLessThan(happy.uncovered.size);
    expect([...happy.uncovered].some((id) => withFailure.covered.has(id))).toBe(true);
  });
});
