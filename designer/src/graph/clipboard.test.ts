import { describe, expect, it } from 'vitest';
import { newFlow } from './new-flow.js';
import { copySelection, parseClipboard, pastePayload, serializeClipboard } from './clipboard.js';
import type { FlowGraph } from '@voiceman/compiler';

const graph: FlowGraph = {
  ...newFlow('p', 'P'),
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'say1', kind: 'say', position: { x: 100, y: 100 }, data: { text: { en: 'Hi' } } },
    { id: 'end1', kind: 'end', position: { x: 100, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', outcome: 'next', target: 'say1' },
    { id: 'e2', source: 'say1', outcome: 'next', target: 'end1' },
  ],
};

describe('clipboard', () => {
  it('round-trips through text and pastes into another process with fresh ids', () => {
    const text = serializeClipboard(copySelection(graph, { nodes: ['say1', 'end1'], edges: [] }));
    const parsed = parseClipboard(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const other: FlowGraph = { ...newFlow('q', 'Q'), nodes: [...graph.nodes] };
    const { nodes, edges } = pastePayload(other, parsed.payload, { x: 0, y: 0 });
    expect(nodes.map((n) => [n.id, n.position])).toEqual([
      ['say2', { x: 0, y: 0 }],
      ['end2', { x: 0, y: 200 }],
    ]);
    expect(edges).toEqual([{ id: 'e1', source: 'say2', outcome: 'next', target: 'end2' }]);
  });

  it('leaves out the start node and edges to nodes outside the selection', () => {
    const payload = copySelection(graph, { nodes: ['start', 'say1'], edges: [] });
    expect(payload.nodes.map((n) => n.id)).toEqual(['say1']);
    expect(payload.edges).toEqual([]);
  });

  it('does not alias pasted data with the copied data', () => {
    const payload = copySelection(graph, { nodes: ['say1'], edges: [] });
    const { nodes } = pastePayload(graph, payload, { x: 0, y: 0 });
    expect(nodes[0]?.data).not.toBe(graph.nodes[1]?.data);
    expect(nodes[0]?.data).toEqual(graph.nodes[1]?.data);
  });

  it('rejects text that is not Voiceman nodes with a reason', () => {
    expect(parseClipboard('hello')).toEqual({ ok: false, error: 'not_json' });
    expect(parseClipboard('[1,2]')).toEqual({ ok: false, error: 'not_voiceman' });
    expect(parseClipboard('{"type":"voiceman/nodes","version":1,"nodes":[{"id":1}],"edges":[]}')).toEqual({ ok: false, error: 'malformed' });
    expect(parseClipboard('{"type":"voiceman/nodes","version":1,"nodes":[{"id":"x","kind":"teleport","position":{"x":0,"y":0},"data":{}}],"edges":[]}')).toEqual({
      ok: false,
      error: 'unknown_kind',
    });
  });
});
