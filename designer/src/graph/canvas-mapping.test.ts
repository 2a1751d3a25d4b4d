import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { newFlow } from './new-flow.js';
import { connectionToEdge, createCanvasMapper, fanNumbers, laneNumbers } from './canvas-mapping.js';

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
    // say1 is selected: the edge into it and the edge out of it are marked as its own.
    expect(view.edges).toEqual([
      { id: 'e1', type: 'outcome', source: 'start', target: 'say1', sourceHandle: 'next', selected: false, data: { outcome: 'next', lane: 0, fan: 0, linked: 'in' }, className: 'is-linked is-linked-in' },
      { id: 'e2', type: 'outcome', source: 'say1', target: 'end1', sourceHandle: 'next', selected: true, data: { outcome: 'next', lane: 0, fan: 0, linked: 'out' }, className: 'is-linked is-linked-out' },
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

describe('edges of the canvas', () => {
  it('highlights the selected node\'s edges only, and re-creates only the edges whose highlight changed', () => {
    const map = createCanvasMapper();
    const none = map({ graph, selection: { nodes: [], edges: [] } });
    expect(none.edges.map((e) => e.className)).toEqual([undefined, undefined]);
    const sel = map({ graph, selection: { nodes: ['end1'], edges: [] } });
    expect(sel.edges[0]).toBe(none.edges[0]);
    expect(sel.edges[1]).toMatchObject({ className: 'is-linked is-linked-in', data: { linked: 'in' } });
  });

  it('gives edges entering one node separate lanes', () => {
    const edges = [
      { id: 'a', source: 's1', outcome: 'x', target: 't' },
      { id: 'b', source: 's2', outcome: 'y', target: 't' },
      { id: 'c', source: 's3', outcome: 'z', target: 't' },
      { id: 'd', source: 's1', outcome: 'w', target: 'u' },
    ];
    expect(Object.fromEntries(laneNumbers(edges))).toEqual({ a: -1, b: 0, c: 1, d: 0 });
    expect(Object.fromEntries(fanNumbers(edges))).toEqual({ a: 0, b: 0, c: 0, d: 1 });
  });

  it('draws a layout route only while both of its nodes stay where the layout put them', () => {
    const map = createCanvasMapper();
    const route = { points: [{ x: 0, y: 50 }, { x: 0, y: 100 }], from: { x: 0, y: 100 }, to: { x: 0, y: 200 } };
    const routes = { e2: route };
    const placed = map({ graph, selection: { nodes: [], edges: [] }, routes });
    expect(placed.edges[1]?.data.route).toBe(route);
    const moved = map({ graph, selection: { nodes: [], edges: [] }, routes, dragging: { end1: { x: 40, y: 260 } } });
    expect(moved.edges[1]?.data.route).toBeUndefined();
    expect(moved.edges[0]).toBe(placed.edges[0]);
  });
});

