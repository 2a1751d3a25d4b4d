import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { newFlow } from '../graph/new-flow.js';
import { boxOf, intersects } from '../graph/placement.js';
import { createEditorStore, undo } from '../store/editor-store.js';
import { addNodeNearSelection } from './add-node.js';

/** start → ask1 (ready → say1); ask1's noInput/noMatch lead nowhere; a card sits right below ask1. */
function flow(): FlowGraph {
  const g = newFlow('p', 'P');
  const store = createEditorStore(g);
  store.getState().addNode('ask', { x: 0, y: 150 });
  const withAsk = store.getState().graph;
  return {
    ...withAsk,
    nodes: [
      { ...withAsk.nodes[0]!, position: { x: 0, y: 0 } },
      withAsk.nodes[1]!,
      { id: 'say1', kind: 'say', position: { x: 0, y: 330 }, data: { text: { en: 'Hi', ru: 'Привет' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'ask1' },
      { id: 'e2', source: 'ask1', outcome: 'ready', target: 'say1' },
    ],
  };
}

const ctxFor = (store: ReturnType<typeof createEditorStore>) => ({ store, viewportCenter: () => ({ x: 0, y: 0 }), nodeSizes: () => ({}) });

describe('adding a node next to the selection', () => {
  it('lands in free space below the selected node and is wired from its first open outcome, in one undo step', () => {
    const store = createEditorStore(flow());
    store.getState().select({ nodes: ['ask1'], edges: [] });
    const id = addNodeNearSelection(ctxFor(store), 'end')!;
    const { graph, selection } = store.getState();
    const added = graph.nodes.find((n) => n.id === id)!;
    for (const other of graph.nodes.filter((n) => n.id !== id)) expect(intersects(boxOf(added, {}), boxOf(other, {})), other.id).toBe(false);
    expect(added.position.y).toBeGreaterThan(150);
    const ask = graph.nodes.find((n) => n.id === 'ask1')!;
    expect(Math.abs(added.position.y - ask.position.y)).toBeLessThan(600);
    // ready is taken (→ say1): the first outcome that leads nowhere is noInput.
    expect(graph.edges.find((e) => e.target === id)).toMatchObject({ source: 'ask1', outcome: 'noInput' });
    expect(selection.nodes).toEqual([id]);
    undo(store);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['start', 'ask1', 'say1']);
    expect(store.getState().graph.edges).toHaveLength(2);
  });

  it('adds unconnected when every outcome is wired, and avoids the cards at the view centre with nothing selected', () => {
    const store = createEditorStore(flow());
    store.getState().select({ nodes: ['start'], edges: [] });
    const wired = addNodeNearSelection(ctxFor(store), 'say')!;
    expect(store.getState().graph.edges.filter((e) => e.target === wired)).toEqual([]);
    store.getState().select({ nodes: [], edges: [] });
    const free = addNodeNearSelection(ctxFor(store), 'end')!;
    const { graph } = store.getState();
    const added = graph.nodes.find((n) => n.id === free)!;
    for (const other of graph.nodes.filter((n) => n.id !== free)) expect(intersects(boxOf(added, {}), boxOf(other, {})), other.id).toBe(false);
  });

  it('adds nothing to a read-only version', () => {
    const store = createEditorStore(flow(), { readOnly: true });
    expect(addNodeNearSelection(ctxFor(store), 'end')).toBeUndefined();
    expect(store.getState().graph.nodes).toHaveLength(3);
  });
});
