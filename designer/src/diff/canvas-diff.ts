/**
 * A version diff drawn on the canvas: which nodes and edges of the open flow were added or
 * changed since the other side, and the other side's nodes and edges that are gone (drawn as
 * ghosts where they were). Positions are layout: a node that only moved is not changed.
 * Framework-free.
 */
import type { FlowEdge, FlowGraph, FlowNode } from '@voiceman/compiler';

export type DiffMark = 'added' | 'changed' | 'removed';

export interface CanvasDiff {
  nodes: Readonly<Record<string, DiffMark>>;
  edges: Readonly<Record<string, DiffMark>>;
  /** Nodes of `before` that `after` lacks, at their old positions. */
  removedNodes: readonly FlowNode[];
  /** Edges of `before` that `after` lacks, whose ends are still drawn (open or removed nodes). */
  removedEdges: readonly FlowEdge[];
}

const json = (v: unknown) => JSON.stringify(v);
const behaviour = (n: FlowNode) => json({ kind: n.kind, label: n.label, data: n.data, switchPoint: n.switchPoint });
const ends = (e: FlowEdge) => `${e.source}\u0000${e.outcome}\u0000${e.target}`;

export function canvasDiff(before: FlowGraph, after: FlowGraph): CanvasDiff {
  const nodes: Record<string, DiffMark> = {};
  const edges: Record<string, DiffMark> = {};
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  for (const n of after.nodes) {
    const b = old.get(n.id);
    if (!b) nodes[n.id] = 'added';
    else if (behaviour(b) !== behaviour(n)) nodes[n.id] = 'changed';
  }
  const present = new Set(after.nodes.map((n) => n.id));
  const removedNodes = before.nodes.filter((n) => !present.has(n.id));
  const drawn = new Set([...present, ...removedNodes.map((n) => n.id)]);
  const oldEdges = new Map(before.edges.map((e) => [e.id, e]));
  for (const e of after.edges) {
    const b = oldEdges.get(e.id);
    if (!b) edges[e.id] = 'added';
    else if (ends(b) !== ends(e)) edges[e.id] = 'changed';
  }
  const kept = new Set(after.edges.map((e) => e.id));
  const removedEdges = before.edges.filter((e) => !kept.has(e.id) && drawn.has(e.source) && drawn.has(e.target));
  return { nodes, edges, removedNodes, removedEdges };
}

/** How many of each mark, for the legend. */
export function diffCounts(d: CanvasDiff): Record<DiffMark, number> {
  const counts: Record<DiffMark, number> = { added: 0, changed: 0, removed: d.removedNodes.length };
  for (const m of Object.values(d.nodes)) counts[m] += 1;
  return counts;
}
