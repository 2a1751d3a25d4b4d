import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { exampleFlow } from '@voiceman/examples';
import { describeChange, diffFlows, frozenRevisions, releaseNote } from './version-diff.js';

const base = () => structuredClone(exampleFlow('case-picking')) as unknown as FlowGraph;
type AnyNode = { id: string; kind: string; data: Record<string, any>; position: { x: number; y: number } };
const node = (g: FlowGraph, kind: string) => (g.nodes as unknown as AnyNode[]).find((n) => n.kind === kind)!;

describe('version diff', () => {
  it('finds nothing between a flow and its copy, nor in moved nodes', () => {
    const after = base();
    for (const n of after.nodes as unknown as AnyNode[]) n.position = { x: n.position.x + 40, y: n.position.y };
    expect(diffFlows(base(), after)).toEqual([]);
  });

  it('names a changed prompt text, vocabulary, condition and variable by node and language', () => {
    const before = base();
    const after = base();
    const ask = node(after, 'ask');
    ask.data.prompt.en = 'Sign off now?';
    ask.data.outcomes[0].grammar = { type: 'phrases', phrases: { en: ['yes please'] } };
    node(after, 'decision').data.branches[0].condition = 'available && true';
    after.process.variables.push({ name: 'extra', type: 'int' } as never);
    const changes = diffFlows(before, after);
    expect(changes).toContainEqual({ area: 'prompt', kind: 'changed', subject: ask.id, path: 'prompt.en', before: node(before, 'ask').data.prompt.en, after: 'Sign off now?' });
    expect(changes.filter((c) => c.area === 'vocabulary' && c.subject === ask.id).length).toBeGreaterThan(0);
    expect(changes).toContainEqual(expect.objectContaining({ area: 'condition', subject: node(after, 'decision').id, path: 'branches[0].condition', after: 'available && true' }));
    expect(changes).toContainEqual(expect.objectContaining({ area: 'variable', kind: 'added', subject: 'extra' }));
  });

  it('lists added and removed nodes and edges, process settings and reference revisions', () => {
    const before = base();
    const after = base();
    const removed = (after.nodes as unknown as AnyNode[]).pop()!;
    after.edges = after.edges.filter((e) => e.source !== removed.id && e.target !== removed.id);
    after.process.languages = ['en'];
    const changes = diffFlows(before, after, { before: { short_reasons: 1 }, after: { short_reasons: 2 } });
    expect(changes).toContainEqual(expect.objectContaining({ area: 'node', kind: 'removed', subject: removed.id }));
    expect(changes.some((c) => c.area === 'edge' && c.kind === 'removed')).toBe(true);
    expect(changes).toContainEqual(expect.objectContaining({ area: 'settings', subject: 'languages', after: ['en'] }));
    expect(changes).toContainEqual({ area: 'reference', kind: 'changed', subject: 'short_reasons', path: 'revision', before: 1, after: 2 });
  });

  it('reads the revisions a machine froze, and writes a release note in either language', () => {
    expect(frozenRevisions({ meta: { vm: { reference: { bins: { revision: 3, rows: {} } } } } })).toEqual({ bins: 3 });
    const change = { area: 'prompt', kind: 'changed', subject: 'pick', path: 'prompt.en', before: 'Pick 3.', after: 'Pick {{qty}}.' } as const;
    expect(describeChange(change, 'en')).toBe('prompt pick prompt.en: "Pick 3." → "Pick {{qty}}."');
    expect(describeChange(change, 'ru')).toBe('подсказка pick prompt.en: "Pick 3." → "Pick {{qty}}."');
    const many = Array.from({ length: 20 }, (_, i) => ({ ...change, subject: `n${i}` }));
    const note = releaseNote(many, 'en', 15).split('\n');
    expect(note).toHaveLength(16);
    expect(note.at(-1)).toBe('- and 5 more');
  });
});
