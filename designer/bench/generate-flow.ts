/**
 * A valid flow of `count` nodes for the benchmark: a pick loop unrolled — say, ask (ready),
 * say, ask, … — laid out on a grid, every ask's silence and no-match going to one end node.
 */
import type { FlowEdge, FlowGraph, FlowNode } from '@voiceman/compiler';

export function generateFlow(count: number, key = 'bench'): FlowGraph {
  const nodes: FlowNode[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }];
  const edges: FlowEdge[] = [];
  const cols = 20;
  const at = (i: number) => ({ x: (i % cols) * 280, y: Math.floor(i / cols) * 200 + 160 });
  let prev = { id: 'start', outcome: 'next' };
  const body = count - 2;
  for (let i = 0; i < body; i++) {
    const id = i % 2 === 0 ? `say${i}` : `ask${i}`;
    if (i % 2 === 0) {
      nodes.push({ id, kind: 'say', position: at(i), data: { text: { en: `Aisle ${i}, slot ${i % 9}` } } });
    } else {
      nodes.push({
        id,
        kind: 'ask',
        position: at(i),
        data: {
          prompt: { en: `Pick ${i % 7 + 1}. Ready?` },
          outcomes: [{ name: 'ready', grammar: { type: 'phrases', phrases: { en: ['ready'] } } }],
          noInput: { reprompts: [{ en: 'Say ready.' }], maxAttempts: 3 },
          noMatch: { reprompts: [{ en: 'Say again.' }], maxAttempts: 3 },
        },
      });
      edges.push({ id: `e${id}-ni`, source: id, outcome: 'noInput', target: 'end' });
      edges.push({ id: `e${id}-nm`, source: id, outcome: 'noMatch', target: 'end' });
    }
    edges.push({ id: `e${prev.id}-${prev.outcome}`, source: prev.id, outcome: prev.outcome, target: id });
    prev = { id, outcome: i % 2 === 0 ? 'next' : 'ready' };
  }
  nodes.push({ id: 'end', kind: 'end', position: at(body), data: { text: { en: 'Assignment complete.' } } });
  edges.push({ id: `e${prev.id}-${prev.outcome}`, source: prev.id, outcome: prev.outcome, target: 'end' });
  return {
    formatVersion: 1,
    process: { key, name: `Benchmark ${count}`, languages: ['en'], variables: [], globalWords: [] },
    nodes,
    edges,
  };
}
