import { readFileSync, readdirSync } from 'node:fs';
import type { FlowGraph } from '../src/index.js';

export const fixturesDir = new URL('./fixtures/', import.meta.url);

export function loadFixture(name: string): FlowGraph {
  return JSON.parse(readFileSync(new URL(`${name}.flow.json`, fixturesDir), 'utf8')) as FlowGraph;
}

/** Resolves subflows from the fixtures directory, by process key. */
export function fixtureResolver(): (key: string) => FlowGraph | undefined {
  const byKey = new Map<string, FlowGraph>();
  for (const file of readdirSync(fixturesDir)) {
    if (!file.endsWith('.flow.json')) continue;
    const flow = loadFixture(file.replace(/\.flow\.json$/, ''));
    byKey.set(flow.process.key, flow);
  }
  return (key) => byKey.get(key);
}

const at = { x: 0, y: 0 };

/** The smallest correct flow: start → ask "ready" → end, every outcome connected. */
export function baseFlow(): FlowGraph {
  return {
    formatVersion: 1,
    process: {
      key: 'base',
      name: 'Base',
      languages: ['en'],
      variables: [
        { name: 'qty', type: 'int', default: 0 },
        { name: 'name', type: 'string', default: '' },
      ],
      globalWords: [],
    },
    nodes: [
      { id: 'start', kind: 'start', position: at, data: {} },
      {
        id: 'ask1',
        kind: 'ask',
        position: at,
        data: {
          prompt: { en: 'Ready?' },
          outcomes: [{ name: 'ready', grammar: { type: 'phrases', phrases: { en: ['ready'] } } }],
          noInput: { reprompts: [], maxAttempts: 3 },
          noMatch: { reprompts: [], maxAttempts: 3 },
        },
      },
      { id: 'end1', kind: 'end', position: at, data: { text: { en: 'Bye.' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'ask1' },
      { id: 'e2', source: 'ask1', outcome: 'ready', target: 'end1' },
      { id: 'e3', source: 'ask1', outcome: 'noInput', target: 'end1' },
      { id: 'e4', source: 'ask1', outcome: 'noMatch', target: 'end1' },
    ],
  };
}

export { at };
