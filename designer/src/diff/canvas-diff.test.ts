import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@voiceman/compiler';
import { exampleFlow } from '@voiceman/examples';
import { canvasDiff, diffCounts } from './canvas-diff.js';
import { createCanvasMapper } from '../graph/canvas-mapping.js';

const clone = (g: FlowGraph): FlowGraph => JSON.parse(JSON.stringify(g)) as FlowGraph;

describe('a version diff on the canvas', () => {
  const before = exampleFlow('sign-on');

  it('marks added and changed nodes and edges, keeps removed ones as ghosts, ignores moves', () => {
    const after = clone(before);
    const [first, second] = after.nodes.filter((n) => n.kind === 'say' || n.kind === 'ask');
    first!.position = { x: first!.position.x + 300, y: first!.position.y };
    second!.label = 'renamed';
    const gone = after.nodes.find((n) => n.kind === 'request')!;
    after.nodes = after.nodes.filter((n) => n !== gone);
    const goneEdges = after.edges.filter((e) => e.source === gone.id || e.target === gone.id);
    after.edges = after.edges.filter((e) => !goneEdges.includes(e));
    after.nodes.push({ id: 'extra', kind: 'say', position: { x: 0, y: 0 }, data: { text: { en: 'Hi.', ru: 'Привет.' } } } as never);
    after.edges.push({ id: 'e-extra', source: 'extra', outcome: 'next', target: second!.id });

    const d = canvasDiff(before, after);
    expect(d.nodes).toEqual({ [second!.id]: 'changed', extra: 'added' });
    expect(d.edges).toEqual({ 'e-extra': 'added' });
    expect(d.removedNodes.map((n) => n.id)).toEqual([gone.id]);
    expect(d.removedEdges.map((e) => e.id).sort()).toEqual(goneEdges.map((e) => e.id).sort());
    expect(diffCounts(d)).toEqual({ added: 1, changed: 1, removed: 1 });

    const view = createCanvasMapper()({ graph: after, selection: { nodes: [], edges: [] }, diff: d });
    const ghost = view.nodes.find((n) => n.id === gone.id)!;
    expect(ghost).toMatchObject({ data: { diff: 'removed' }, selectable: false, draggable: false, deletable: false });
    expect(view.nodes.find((n) => n.id === 'extra')!.data.diff).toBe('added');
    expect(view.nodes.find((n) => n.id === first!.id)!.data.diff).toBeUndefined();
    expect(view.edges.find((e) => e.id === 'e-extra')!.className).toContain('is-diff-added');
    expect(view.edges.filter((e) => (e.className ?? '').includes('is-diff-removed')).length).toBe(goneEdges.length);
  });

  it('an unchanged flow marks nothing', () => {
    const d = canvasDiff(before, clone(before));
    expect(d).toEqual({ nodes: {}, edges: {}, removedNodes: [], removedEdges: [] });
  });
});
