/** Generated flows for property tests and the benchmark. */
import type { FlowEdge, FlowGraph, FlowNode } from '../src/index.js';

export const at = { x: 0, y: 0 };
const WORDS = ['ready', 'skip', 'short', 'damaged', 'later'];
const CONDITIONS = ['qty > 1', 'name == "a"', 'true', 'size(name) < 3'];

export type Step = { kind: 'say' | 'set' | 'request' | 'decision' | 'ask'; extra: number; back: number };


/**
 * A valid flow from a list of steps: a chain start → steps → end where every step's first
 * outcome continues the chain, other outcomes of silent nodes jump forward, and an ask's other
 * outcomes may jump back (so every cycle passes through an ask).
 */
export function buildFlow(steps: Step[]): FlowGraph {
  const nodes: FlowNode[] = [{ id: 'start', kind: 'start', position: at, data: {} }];
  const edges: FlowEdge[] = [];
  const ids = steps.map((_, i) => `n${i}`);
  const endId = 'end';
  const link = (source: string, outcome: string, target: string) => edges.push({ id: `e${edges.length}`, source, outcome, target });
  link('start', 'next', ids[0] ?? endId);
  steps.forEach((step, i) => {
    const id = ids[i]!;
    const next = ids[i + 1] ?? endId;
    const forward = ids[i + 1 + (step.back % Math.max(1, steps.length - i))] ?? endId;
    const backward = i > 0 ? ids[step.back % i]! : next;
    switch (step.kind) {
      case 'say':
        nodes.push({ id, kind: 'say', position: at, data: { text: { en: `Step ${i}, {{ qty }}` } } });
        link(id, 'next', next);
        break;
      case 'set':
        nodes.push({ id, kind: 'set', position: at, data: { assignments: [{ variable: 'qty', expr: 'qty + 1' }] } });
        link(id, 'next', next);
        break;
      case 'request':
        nodes.push({
          id,
          kind: 'request',
          position: at,
          data: { method: 'GET', url: 'https://wms.example/x/{{ qty }}', timeoutMs: 1000, retries: 0, mapping: [{ variable: 'name', expr: 'string(response.body.n)' }] },
        });
        link(id, 'ok', next);
        link(id, 'error', forward);
        break;
      case 'decision': {
        const branches = Array.from({ length: 1 + (step.extra % 2) }, (_, b) => ({ name: `b${b}`, condition: CONDITIONS[(step.back + b) % CONDITIONS.length]! }));
        nodes.push({ id, kind: 'decision', position: at, data: { branches } });
        link(id, 'b0', next);
        branches.slice(1).forEach((b) => link(id, b.name, forward));
        link(id, 'else', forward);
        break;
      }
      case 'ask': {
        const words = WORDS.slice(0, 1 + (step.extra % 3));
        nodes.push({
          id,
          kind: 'ask',
          position: at,
          data: {
            prompt: { en: `Question ${i}?` },
            outcomes: words.map((w) => ({ name: w, grammar: { type: 'phrases', phrases: { en: [w] } } })),
            noInput: { reprompts: [], maxAttempts: 2 },
            noMatch: { reprompts: [{ en: 'Again.' }], maxAttempts: 2 },
          },
        });
        link(id, words[0]!, next);
        words.slice(1).forEach((w) => link(id, w, backward === id ? next : backward));
        link(id, 'noInput', endId);
        link(id, 'noMatch', forward);
        break;
      }
    }
  });
  nodes.push({ id: endId, kind: 'end', position: at, data: { text: { en: 'Done.' }, result: 'qty' } });
  return {
    formatVersion: 1,
    process: {
      key: 'random',
      name: 'Random',
      languages: ['en'],
      variables: [
        { name: 'qty', type: 'int', default: 0 },
        { name: 'name', type: 'string', default: '' },
      ],
      globalWords: [{ name: 'signOff', phrases: { en: ['sign off'] }, target: endId }],
    },
    nodes,
    edges,
  };
}

