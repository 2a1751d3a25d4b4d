import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { exampleFlow } from '@voiceman/examples';
import { bundleFileName, parseImportFile, parseImportFiles, processBundle, scenarioFileName } from './bundle.js';

const picking = exampleFlow('case-picking') as FlowGraph;
const into: FlowGraph = { ...picking, process: { ...picking.process, key: 'picking-copy', name: 'Copy' } };
const scenarioText = readFileSync(new URL('../../../examples/flows/case-picking.silence.scenario.json', import.meta.url), 'utf8');
const scenario = JSON.parse(scenarioText);

describe('process export and import', () => {
  it('reads back its own bundle: the flow under this process, the scenarios moved to it', () => {
    const text = JSON.stringify(processBundle(picking, [scenario]));
    const read = parseImportFile(text, bundleFileName('case-picking'), into);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.graph!.process.key).toBe('picking-copy');
    expect(read.graph!.nodes.length).toBe(picking.nodes.length);
    expect(read.scenarios).toEqual([{ ...scenario, process: 'picking-copy' }]);
  });

  it('still imports a plain flow file, and scenario files alone', () => {
    const flow = parseImportFile(JSON.stringify(picking), 'case-picking.flow.json', into);
    expect(flow.ok && flow.graph?.process.key === 'picking-copy' && flow.scenarios.length === 0).toBe(true);
    const files = parseImportFiles([{ name: 'a.scenario.json', text: scenarioText }, { name: 'b.scenario.json', text: scenarioText }], into);
    expect(files.ok && !files.graph && files.scenarios.length === 2).toBe(true);
  });

  it('names the file and the field of a bad scenario, and imports nothing then', () => {
    const bad = { ...scenario, steps: [{ say: 42 }] };
    const read = parseImportFiles([{ name: 'good.scenario.json', text: scenarioText }, { name: 'bad.scenario.json', text: JSON.stringify(bad) }], into);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toMatch(/^bad\.scenario\.json at \/steps\/0/);
    const inBundle = parseImportFile(JSON.stringify(processBundle(picking, [scenario, bad])), 'x.process.json', into);
    expect(!inBundle.ok && inBundle.error).toMatch(/x\.process\.json \(scenario 2\) at \/steps\/0/);
    expect(parseImportFile('{nope', 'broken.json', into)).toMatchObject({ ok: false, error: expect.stringMatching(/^broken\.json: not JSON/) });
    expect(parseImportFiles([{ name: 'a.flow.json', text: JSON.stringify(picking) }, { name: 'b.flow.json', text: JSON.stringify(picking) }], into)).toMatchObject({ ok: false });
  });

  it('names exported scenario files as teams keep them in git', () => {
    expect(scenarioFileName('case-picking', 'Short pick: refused!')).toBe('case-picking.short-pick-refused.scenario.json');
    expect(scenarioFileName('case-picking', 'Отбор до конца')).toBe('case-picking.отбор-до-конца.scenario.json');
  });
});
