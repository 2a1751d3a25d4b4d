/**
 * Auto-layout with ELK's layered algorithm (top to bottom, like reading a dialog). Node sizes
 * come from the canvas when it has measured them, otherwise a typical card size.
 */
import type { ELK } from 'elkjs/lib/elk-api.js';
import type { FlowGraph, FlowPosition } from '@voiceman/compiler';

export interface Size {
  width: number;
  height: number;
}

const defaultSize: Size = { width: 240, height: 110 };

let elk: Promise<ELK> | undefined;

/** ELK is 1.5 MB: loaded on the first layout, not with the editor. */
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

export async function layoutPositions(
  graph: FlowGraph,
  sizes: Readonly<Record<string, Size>> = {},
): Promise<Record<string, FlowPosition>> {
  const engine = await loadElk();
  const ids = new Set(graph.nodes.map((n) => n.id));
  const result = await engine.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '60',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? defaultSize) })),
    edges: graph.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, FlowPosition> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}
