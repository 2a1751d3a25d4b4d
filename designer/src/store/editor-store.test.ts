import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { newFlow } from '../graph/new-flow.js';
import { copySelection } from '../graph/clipboard.js';
import { createEditorStore, redo, undo } from './editor-store.js';

function flowWithSayAndEnd(): FlowGraph {
  const g = newFlow('p', 'P');
  return {
    ...g,
    nodes: [
      ...g.nodes,
      { id: 'say1', kind: 'say', position: { x: 0, y: 100 }, data: { text: { en: 'Hello', ru: 'Привет' } } },
      { id: 'end1', kind: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'say1' },
      { id: 'e2', source: 'say1', outcome: 'next', target: 'end1' },
    ],
  };
}

describe('editor store', () => {
  it('adds a node with the kind defaults, a readable id and selects it; undo removes it, redo restores it', () => {
    const store = createEditorStore(newFlow('p', 'P'));
    const id = store.getState().addNode('ask', { x: 10.4, y: 20.6 });
    expect(id).toBe('ask1');
    const node = store.getState().graph.nodes.find((n) => n.id === id);
    expect(node?.kind).toBe('ask');
    expect(node?.position).toEqual({ x: 10, y: 21 });
    expect(node && 'prompt' in node.data).toBe(true);
    expect(store.getState().selection.nodes).toEqual(['ask1']);
    expect(store.getState().addNode('ask', { x: 0, y: 0 })).toBe('ask2');

    undo(store);
    undo(store);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['start']);
    redo(store);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['start', 'ask1']);
  });

  it('a drag is transient until it ends, then one undo step', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    const before = store.getState().graph;
    store.getState().dragNodes({ say1: { x: 5, y: 105 } });
    store.getState().dragNodes({ say1: { x: 50, y: 150 } });
    expect(store.getState().graph).toBe(before);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    store.getState().moveNodes({ say1: { x: 50, y: 150 } });
    expect(store.getState().graph.nodes.find((n) => n.id === 'say1')?.position).toEqual({ x: 50, y: 150 });
    expect(store.getState().dragging).toEqual({});
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    undo(store);
    expect(store.getState().graph).toEqual(before);
  });

  it('selection changes are not undo steps', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    store.getState().select({ nodes: ['say1'], edges: [] });
    store.getState().selectAll();
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('connect adds an edge; a second connection from the same outcome replaces the first', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    store.getState().addNode('end', { x: 200, y: 200 });
    const id = store.getState().connect({ source: 'say1', sourceHandle: 'next', target: 'end2' });
    expect(id).toBeDefined();
    const fromSay = store.getState().graph.edges.filter((e) => e.source === 'say1');
    expect(fromSay).toEqual([{ id, source: 'say1', outcome: 'next', target: 'end2' }]);
  });

  it('refuses connections into the start node or without a handle, changing nothing', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    const before = store.getState().graph;
    expect(store.getState().connect({ source: 'say1', sourceHandle: 'next', target: 'start' })).toBeUndefined();
    expect(store.getState().connect({ source: 'say1', sourceHandle: null, target: 'end1' })).toBeUndefined();
    expect(store.getState().connect({ source: 'nope', sourceHandle: 'next', target: 'end1' })).toBeUndefined();
    expect(store.getState().graph).toBe(before);
  });

  it('reconnect moves an edge end to another node', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    store.getState().addNode('end', { x: 0, y: 0 });
    store.getState().reconnect('e2', { source: 'say1', sourceHandle: 'next', target: 'end2' });
    expect(store.getState().graph.edges.find((e) => e.id === 'e2')?.target).toBe('end2');
  });

  it('deletes selected nodes with their edges, never the start node; undo brings all back', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    const before = store.getState().graph;
    store.getState().select({ nodes: ['start', 'say1'], edges: [] });
    store.getState().deleteSelection();
    const g = store.getState().graph;
    expect(g.nodes.map((n) => n.id)).toEqual(['start', 'end1']);
    expect(g.edges).toEqual([]);
    undo(store);
    expect(store.getState().graph).toEqual(before);
  });

  it('deleting only the start node is not an undo step', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    store.getState().deleteElements(['start'], []);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('pastes copied nodes with fresh ids, keeps edges between them, selects the pasted nodes', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    const payload = copySelection(store.getState().graph, { nodes: ['start', 'say1', 'end1'], edges: [] });
    expect(payload.nodes.map((n) => n.id)).toEqual(['say1', 'end1']);
    const ids = store.getState().paste(payload, { x: 500, y: 500 });
    expect(ids).toEqual(['say2', 'end2']);
    const g = store.getState().graph;
    expect(g.nodes.find((n) => n.id === 'say2')?.position).toEqual({ x: 500, y: 500 });
    expect(g.nodes.find((n) => n.id === 'end2')?.position).toEqual({ x: 500, y: 600 });
    expect(g.edges.filter((e) => e.source === 'say2')).toEqual([{ id: 'e3', source: 'say2', outcome: 'next', target: 'end2' }]);
    expect(store.getState().selection.nodes).toEqual(['say2', 'end2']);
    undo(store);
    expect(store.getState().graph.nodes).toHaveLength(3);
  });

  it('typing into one field within a second is one undo step; another field is another step', () => {
    let clock = 0;
    const store = createEditorStore(flowWithSayAndEnd(), { now: () => clock });
    const type = (text: string) =>
      store.getState().updateNode('say1', (n) => (n.kind === 'say' ? { ...n, data: { text: { ...n.data.text, en: text } } } : n), 'text.en');
    type('H');
    clock += 300;
    type('Hi');
    clock += 300;
    type('Hi!');
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    clock += 5000;
    type('Hi!!');
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    undo(store);
    undo(store);
    const say = store.getState().graph.nodes.find((n) => n.id === 'say1');
    expect(say?.kind === 'say' && say.data.text.en).toBe('Hello');
  });

  it('a read-only store ignores edits', () => {
    const store = createEditorStore(flowWithSayAndEnd(), { readOnly: true });
    const before = store.getState().graph;
    store.getState().addNode('say', { x: 0, y: 0 });
    store.getState().deleteElements(['say1'], []);
    expect(store.getState().graph).toBe(before);
  });

  it('load replaces the document and clears history', () => {
    const store = createEditorStore(flowWithSayAndEnd());
    store.getState().addNode('say', { x: 0, y: 0 });
    store.getState().load(newFlow('q', 'Q'));
    expect(store.getState().graph.process.key).toBe('q');
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });
});
