import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { newFlow } from './new-flow.js';
import { connectionToEdge, createCanvasMapper } from './canvas-mapping.js';

const graph: FlowGraph = {
  ...newFlow('p', 'P'),
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'say1', kind: 'say', position: { x: 0, y: 100 }, data: { text: { en: 'Hi' } } },
    { id: 'end1', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', outcome: 'next', target: 'say1' },
    { id: 'e2', source: 'say1', outcome: 'next', target: 'end1' },
  ],
};

describe('graph -> canvas', () => {
  it('maps nodes to typed canvas nodes and outcomes to source handles', () => {
    const view = createCanvasMapper()({ graph, selection: { nodes: ['say1'], edges: ['e2'] }, marks: { end1: 'error' } });
    expect(view.nodes.map((n) => [n.id, n.type, n.selected, n.deletable])).toEqual([
      ['start', 'start', false, false],
      ['say1', 'say', true, true],
      ['end1', 'end', false, true],
    ]);
    expect(view.nodes[2]?.data.mark).toBe('error');
    expect(view.nodes[1]?.data.node).toBe(graph.nodes[1]);
    expect(view.edges).toEqual([
      { id: 'e1', type: 'smoothstep', source: 'start', target: 'say1', sourceHandle: 'next', selected: false },
      { id: 'e2', type: 'smoothstep', source: 'say1', target: 'end1', sourceHandle: 'next', selected: true },
    ]);
  });

  it('draws a simulation run: the active node, visit counts, taken edges with their count', () => {
    const map = createCanvasMapper();
    const selection = { nodes: [], edges: [] };
    const first = map({ graph, selection, run: { active: 'say1', visited: { start: 1, say1: 1 }, edges: { e1: 1 } } });
    expect(first.nodes.map((n) => [n.id, n.data.runActive, n.data.visits])).toEqual([
      ['start', undefined, 1],
      ['say1', true, 1],
      ['end1', undefined, undefined],
    ]);
    expect(first.edges[0]).toMatchObject({ id: 'e1', label: '1', className: 'is-run-taken' });
    expect(first.edges[1]).not.toHaveProperty('label');
    // The run moves on: only what changed is new, the rest keeps its objects (no re-render).
    const next = map({ graph, selection, run: { active: 'end1', visited: { start: 1, say1: 1, end1: 1 }, edges: { e1: 1, e2: 1 } } });
    expect(next.nodes[0]).toBe(first.nodes[0]);
    expect(next.nodes[2]?.data.runActive).toBe(true);
    expect(next.edges[0]).toBe(first.edges[0]);
    expect(next.edges[1]).toMatchObject({ label: '1' });
    // The run closed: plain cards again.
    expect(map({ graph, selection }).nodes.every((n) => n.data.runActive === undefined && n.data.visits === undefined)).toBe(true);
  });

  it('colours the edges a scenario run left uncovered, a taken edge winning, and drops the colour when hidden', () => {
    const map = createCanvasMapper();
    const selection = { nodes: [], edges: [] };
    const first = map({ graph, selection, uncovered: new Set(['e2']) });
    expect(first.edges.map((e) => e.className)).toEqual([undefined, 'is-uncovered']);
    expect(map({ graph, selection, uncovered: new Set(['e2']), run: { active: null, visited: {}, edges: { e2: 1 } } }).edges[1]).toMatchObject({ className: 'is-run-taken' });
    const hidden = map({ graph, selection });
    expect(hidden.edges[1]?.className).toBeUndefined();
    expect(hidden.edges[0]).toBe(first.edges[0]);
  });

  it('shows drag positions over committed ones', () => {
    const view = createCanvasMapper()({ graph, selection: { nodes: [], edges: [] }, dragging: { say1: { x: 9, y: 9 } } });
    expect(view.nodes[1]?.position).toEqual({ x: 9, y: 9 });
    expect(view.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('reuses unchanged canvas objects between calls (so memoised node views skip rendering)', () => {
    const map = createCanvasMapper();
    const a = map({ graph, selection: { nodes: [], edges: [] } });
    const b = map({ graph, selection: { nodes: [], edges: [] }, dragging: { say1: { x: 1, y: 1 } } });
    expect(b.nodes[0]).toBe(a.nodes[0]);
    expect(b.nodes[2]).toBe(a.nodes[2]);
    expect(b.nodes[1]).not.toBe(a.nodes[1]);
    expect(b.edges[0]).toBe(a.edges[0]);
    // Nothing about the edges changed: the very same array, so React Flow skips its edge lookups.
    expect(b.edges).toBe(a.edges);
    expect(b.nodes).not.toBe(a.nodes);
    const c = map({ graph, selection: { nodes: ['end1'], edges: [] }, dragging: { say1: { x: 1, y: 1 } } });
    expect(c.nodes[2]).not.toBe(b.nodes[2]);
    expect(c.nodes[2]?.selected).toBe(true);
  });
});

describe('canvas connection -> flow edge', () => {
  it('takes the source handle as the outcome', () => {
    expect(connectionToEdge(graph, { source: 'say1', sourceHandle: 'next', target: 'end1' }, 'e9')).toEqual({
      ok: true,
      edge: { id: 'e9', source: 'say1', outcome: 'next', target: 'end1' },
    });
  });
  it('says why a connection is refused', () => {
    expect(connectionToEdge(graph, { source: 'say1', sourceHandle: null, target: 'end1' }, 'x')).toEqual({ ok: false, reason: 'incomplete' });
    expect(connectionToEdge(graph, { source: 'say1', sourceHandle: 'next', target: 'zzz' }, 'x')).toEqual({ ok: false, reason: 'unknown_node' });
    expect(connectionToEdge(graph, { source: 'say1', sourceHandle: 'next', target: 'start' }, 'x')).toEqual({ ok: false, reason: 'into_start' });
  });
});
