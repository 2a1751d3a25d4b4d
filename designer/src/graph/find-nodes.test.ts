import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { newFlow } from './new-flow.js';
import { findNodes } from './find-nodes.js';

const graph: FlowGraph = {
  ...newFlow('p', 'P'),
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'slotCheck', kind: 'say', position: { x: 0, y: 0 }, data: { text: { en: 'Slot {{ slot }}', ru: 'Ячейка {{ slot }}' } } },
    { id: 'slot', kind: 'say', label: 'Slot prompt', position: { x: 0, y: 0 }, data: { text: { en: 'Go', ru: 'Идите' } } },
    { id: 'quantity', kind: 'say', position: { x: 0, y: 0 }, data: { text: { en: 'Pick three', ru: 'Возьмите три' } } },
  ],
  edges: [],
};

describe('finding nodes', () => {
  it('ranks an exact id, then id prefixes, then texts in any language', () => {
    expect(findNodes(graph, 'slot').map((m) => m.node.id)).toEqual(['slot', 'slotCheck']);
    expect(findNodes(graph, 'ЯЧЕЙ').map((m) => m.node.id)).toEqual(['slotCheck']);
    const [hit] = findNodes(graph, 'three');
    expect(hit?.node.id).toBe('quantity');
    expect(hit?.excerpt).toContain('Pick three');
    expect(findNodes(graph, 'prompt').map((m) => m.node.id)).toEqual(['slot']);
  });

  it('lists every node for an empty query and nothing for a miss', () => {
    expect(findNodes(graph, '  ')).toHaveLength(4);
    expect(findNodes(graph, 'zzz')).toEqual([]);
  });
});
