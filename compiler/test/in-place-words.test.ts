import { describe, expect, it } from 'vitest';
import { loadMachine } from '@voiceman/runtime';
import { baseFlow } from './helpers.js';
import { compileFlow, lintFlow, type DiagnosticCode, type FlowGraph, type FlowNode } from '../src/index.js';

const at = { x: 0, y: 0 };
const ask1 = (f: FlowGraph) => f.nodes.find((n) => n.id === 'ask1') as Extract<FlowNode, { kind: 'ask' }>;
const say = (id: string, en: string): FlowNode => ({ id, kind: 'say', position: at, data: { text: { en } } });
const back = (id = 'back'): FlowNode => ({ id, kind: 'return', position: at, data: {} });
const edge = (f: FlowGraph, source: string, outcome: string, target: string) => f.edges.push({ id: `${source}-${outcome}`, source, outcome, target });
const word = (name = 'description', target = 'info', phrase = 'description') => ({ name, phrases: { en: [phrase] }, target });

/** ask1 hears "description" (its own word): say "info" → return. */
function withAskWord(): FlowGraph {
  const f = baseFlow();
  f.nodes.push(say('info', 'Milk, one litre.'), back());
  edge(f, 'info', 'next', 'back');
  ask1(f).data.inPlaceWords = [word()];
  return f;
}
/** The same branch heard in every ask (a process-wide in-place word). */
function withProcessWord(): FlowGraph {
  const f = baseFlow();
  f.nodes.push(say('info', 'Milk, one litre.'), back());
  edge(f, 'info', 'next', 'back');
  f.process.inPlaceWords = [word()];
  return f;
}
const codes = (f: FlowGraph) => lintFlow(f).map((d) => d.code);

const cases: { code: DiagnosticCode; bad: () => FlowGraph; good: () => FlowGraph }[] = [
  { code: 'in-place-word-target', bad: () => ((f) => (ask1(f).data.inPlaceWords![0]!.target = 'ghost', f))(withAskWord()), good: withAskWord },
  {
    code: 'in-place-word-name',
    bad: () => ((f) => (f.process.globalWords.push({ name: 'description', phrases: { en: ['sign off'] }, target: 'end1' }), f))(withAskWord()),
    good: () => ((f) => (f.process.globalWords.push({ name: 'signOff', phrases: { en: ['sign off'] }, target: 'end1' }), f))(withAskWord()),
  },
  {
    // The branch leads into the ask itself: an in-place branch may not ask.
    code: 'in-place-word-ask',
    bad: () => ((f) => (f.edges.find((e) => e.source === 'info')!.target = 'ask1', f))(withAskWord()),
    good: withAskWord,
  },
  { code: 'in-place-word-leaves', bad: () => ((f) => (f.edges.find((e) => e.source === 'info')!.target = 'end1', f))(withAskWord()), good: withAskWord },
  {
    code: 'in-place-word-loop',
    bad: () => {
      const f = withAskWord();
      f.nodes.push({ id: 'd1', kind: 'decision', position: at, data: { branches: [{ name: 'again', condition: 'qty > 0' }] } });
      f.edges.find((e) => e.source === 'info')!.target = 'd1';
      edge(f, 'd1', 'again', 'info');
      edge(f, 'd1', 'else', 'back');
      return f;
    },
    good: () => {
      const f = withAskWord();
      f.nodes.push({ id: 'd1', kind: 'decision', position: at, data: { branches: [{ name: 'again', condition: 'qty > 0' }] } }, say('more', 'More.'));
      f.edges.find((e) => e.source === 'info')!.target = 'd1';
      edge(f, 'd1', 'again', 'more');
      edge(f, 'more', 'next', 'back');
      edge(f, 'd1', 'else', 'back');
      return f;
    },
  },
  {
    // ask1's "ready" leads into the return node: there is nothing to return to.
    code: 'return-outside-word',
    bad: () => ((f) => (f.edges.find((e) => e.source === 'ask1' && e.outcome === 'ready')!.target = 'back', f))(withAskWord()),
    good: withAskWord,
  },
  {
    code: 'ask-vocabulary-overlap',
    bad: () => ((f) => (ask1(f).data.inPlaceWords![0]!.phrases.en = ['ready'], f))(withAskWord()),
    good: withAskWord,
  },
  {
    code: 'global-word-builtin',
    bad: () => ((f) => (f.process.inPlaceWords![0]!.phrases.en = ['repeat'], f))(withProcessWord()),
    good: withProcessWord,
  },
];

describe('in-place words: diagnostics', () => {
  it.each(cases.map((c, i) => [`${c.code} #${i}`, c] as const))('%s fires on the bad flow and not on the near miss', (_, c) => {
    expect(codes(c.bad())).toContain(c.code);
    expect(lintFlow(c.good())).toEqual([]);
  });

  it('the branch counts as reached through the word (no unreachable-node)', () => {
    expect(codes(withAskWord())).not.toContain('unreachable-node');
  });
});

describe('in-place words: the machine', () => {
  it('copies the branch for each ask that hears the word, its return leading back to that ask', () => {
    const f = withProcessWord();
    const r = compileFlow(f);
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const m = r.machine!;
    expect(m.meta.vm.formatVersion).toBe(1);
    expect(m.meta.vm.globalWords).toEqual([{ name: 'description', phrases: { en: ['description'] } }]);
    expect(m.states['ask1']!.on!['GLOBAL.description']).toEqual({ target: '#ask1~description~info' });
    expect(m.states['ask1~description~back']!.always).toEqual({ target: '#ask1' });
    // The branch's own nodes exist only as copies.
    expect(m.states['info']).toBeUndefined();
    expect(() => loadMachine(m)).not.toThrow();
  });

  it('a word of one ask goes into its params (format version 2); old flows keep version 1', () => {
    const r = compileFlow(withAskWord());
    expect(r.ok).toBe(true);
    expect(r.machine!.meta.vm.formatVersion).toBe(2);
    const entry = r.machine!.states['ask1']!.entry![0]!;
    expect(entry.type === 'vm.ask' && entry.params.words).toEqual([{ name: 'description', phrases: { en: ['description'] } }]);
    expect(compileFlow(baseFlow()).machine!.meta.vm.formatVersion).toBe(1);
  });

  it('a called process\'s in-place word works inside the call, under a machine-wide name', () => {
    const callee = withProcessWord();
    callee.process.key = 'callee';
    const caller = baseFlow();
    caller.nodes.push({ id: 'sub', kind: 'subflow', position: at, data: { processKey: 'callee', inputs: {}, outputs: {} } });
    caller.edges.find((e) => e.source === 'ask1' && e.outcome === 'ready')!.target = 'sub';
    caller.edges.push({ id: 'sub-done', source: 'sub', outcome: 'done', target: 'end1' });
    const r = compileFlow(caller, { resolveProcess: (key) => (key === 'callee' ? callee : undefined) });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const m = r.machine!;
    expect(m.meta.vm.globalWords.map((w) => w.name)).toEqual(['description-sub']);
    const inner = m.states['sub']!.states!;
    expect(inner['sub/ask1']!.on!['GLOBAL.description-sub']).toEqual({ target: '#sub/ask1~description~info' });
    expect(inner['sub/ask1~description~back']!.always).toEqual({ target: '#sub/ask1' });
    // The caller's own ask does not hear the callee's word.
    expect(m.states['ask1']!.on!['GLOBAL.description-sub']).toBeUndefined();
    expect(() => loadMachine(m)).not.toThrow();
  });
});
