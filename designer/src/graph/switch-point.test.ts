import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '@voiceman/compiler';
import { newFlow } from './new-flow.js';
import { setSwitchPoint } from './switch-point.js';
import { createEditorStore, undo } from '../store/editor-store.js';

function flow(): FlowGraph {
  const g = newFlow('p', 'P');
  return {
    ...g,
    nodes: [...g.nodes, { id: 'say1', kind: 'say', position: { x: 0, y: 100 }, data: { text: { en: 'Hello', ru: 'Привет' } } }, { id: 'end1', kind: 'end', position: { x: 0, y: 200 }, data: {} }],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'say1' },
      { id: 'e2', source: 'say1', outcome: 'next', target: 'end1' },
    ],
  };
}

describe('switch point checkbox', () => {
  it('checking marks the node (and its compiled state); unchecking leaves the flow text as it was', () => {
    const store = createEditorStore(flow());
    const before = JSON.stringify(store.getState().graph);
    const hash = compileFlow(store.getState().graph).hash;
    store.getState().updateNode('say1', (n) => setSwitchPoint(n, true), 'switchPoint');
    const marked = store.getState().graph;
    expect(marked.nodes.find((n) => n.id === 'say1')?.switchPoint).toBe(true);
    const compiled = compileFlow(marked);
    expect(compiled.machine?.states.say1?.meta.vm.switchPoint).toBe(true);
    expect(compiled.hash).not.toBe(hash);
    store.getState().updateNode('say1', (n) => setSwitchPoint(n, false), 'switchPoint');
    expect(JSON.stringify(store.getState().graph)).toBe(before);
    expect(compileFlow(store.getState().graph).hash).toBe(hash);
  });

  it('is undoable like any other edit', () => {
    const store = createEditorStore(flow());
    store.getState().updateNode('say1', (n) => setSwitchPoint(n, true));
    undo(store);
    expect(store.getState().graph.nodes.find((n) => n.id === 'say1')).not.toHaveProperty('switchPoint');
  });
});
