import { describe, expect, it } from 'vitest';
import { baseFlow } from './helpers.js';
import { compileFlow, lintFlow, type FlowGraph, type FlowNode } from '../src/index.js';

const ask1 = (f: FlowGraph) => f.nodes.find((n) => n.id === 'ask1') as Extract<FlowNode, { kind: 'ask' }>;
/** ask1 also accepts "back up" as its own answer (e.g. a forklift's reverse). */
const withBackUpAnswer = () => {
  const f = baseFlow();
  ask1(f).data.outcomes[0]!.grammar = { type: 'phrases', phrases: { en: ['ready', 'back up'] } };
  return f;
};
const codes = (f: FlowGraph) => lintFlow(f).map((d) => d.code);

describe('built-in words in the flow', () => {
  it('an answer that is a built-in word overlaps it; switched off, it does not', () => {
    expect(codes(withBackUpAnswer())).toContain('ask-vocabulary-overlap');
    const off = withBackUpAnswer();
    off.process.builtinWords = { backUp: { off: true } };
    expect(lintFlow(off)).toEqual([]);
  });

  it('a rephrased built-in word is checked with its new phrases', () => {
    const f = baseFlow();
    f.process.builtinWords = { louder: { phrases: { en: ['ready'] } } };
    expect(codes(f)).toContain('ask-vocabulary-overlap');
    f.process.builtinWords = { louder: { phrases: { en: ['volume up'] } } };
    expect(lintFlow(f)).toEqual([]);
  });

  it('sounds alike with a built-in word is a confusable-word warning', () => {
    const f = baseFlow();
    ask1(f).data.outcomes[0]!.grammar = { type: 'phrases', phrases: { en: ['ready', 'master'] } };
    expect(codes(f)).toContain('ask-confusable-words');
  });

  it('a process-wide word that is a built-in word is flagged', () => {
    const f = baseFlow();
    f.process.globalWords.push({ name: 'stop', phrases: { en: ['slower'] }, target: 'end1' });
    expect(codes(f)).toContain('global-word-builtin');
  });

  it('a rephrased word with no phrase in a declared language is missing text', () => {
    const f = baseFlow();
    f.process.builtinWords = { backUp: { phrases: { en: [] } } };
    expect(lintFlow(f).find((d) => d.code === 'missing-text')?.field).toBe('/process/builtinWords/backUp/phrases/en');
  });

  it('compiles the settings into the machine (format version 2); without them the bytes stay', () => {
    const f = baseFlow();
    const before = compileFlow(f);
    f.process.builtinWords = { backUp: { off: true }, faster: { phrases: { en: ['speed up'] } } };
    const r = compileFlow(f);
    expect(r.ok).toBe(true);
    expect(r.machine!.meta.vm).toMatchObject({ formatVersion: 2, builtinWords: { backUp: { off: true }, faster: { phrases: { en: ['speed up'] } } } });
    f.process.builtinWords = {};
    expect(compileFlow(f).hash).toBe(before.hash);
  });

  it('a GET request marked as a write carries the mark (format version 2); a POST needs none', () => {
    const f = baseFlow();
    f.nodes.push({ id: 'r1', kind: 'request', position: { x: 0, y: 0 }, data: { method: 'GET', url: 'https://wms.test/lock', timeoutMs: 1000, retries: 0, mapping: [], write: true } });
    f.edges.find((e) => e.source === 'ask1' && e.outcome === 'ready')!.target = 'r1';
    f.edges.push({ id: 'r-ok', source: 'r1', outcome: 'ok', target: 'end1' }, { id: 'r-err', source: 'r1', outcome: 'error', target: 'end1' });
    const r = compileFlow(f);
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    expect(r.machine!.meta.vm.formatVersion).toBe(2);
    expect(r.machine!.states['r1']!.entry![0]).toMatchObject({ type: 'vm.request', params: { write: true } });
    (f.nodes.find((n) => n.id === 'r1')!.data as { method: string }).method = 'POST';
    expect(compileFlow(f).machine!.meta.vm.formatVersion).toBe(1);
  });
});
