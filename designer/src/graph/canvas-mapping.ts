/**
 * Flow graph <-> React Flow canvas. The flow graph (compiler/src/flow.ts) is the only source of
 * truth; the canvas nodes and edges are derived from it on every change, and canvas events are
 * turned back into store commands. Kept free of React so it is unit-tested in Node.
 */
import type { FlowEdge, FlowGraph, FlowNode, FlowPosition, NodeKind } from '@voiceman/compiler';

export interface Selection {
  nodes: string[];
  edges: string[];
}

export const emptySelection: Selection = { nodes: [], edges: [] };

/** Severity of the worst diagnostic on a node, shown as a badge/border on the canvas. */
export type NodeMark = 'error' | 'warning';

export interface CanvasNodeData extends Record<string, unknown> {
  node: FlowNode;
  mark?: NodeMark;
  /** A simulation is running: this node is where it is, or was visited this many times. */
  runActive?: boolean;
  visits?: number;
}

/** Structurally what @xyflow/react's `Node` / `Edge` need; kept here so the module has no React import. */
export interface CanvasNode {
  id: string;
  type: NodeKind;
  position: FlowPosition;
  data: CanvasNodeData;
  selected: boolean;
  deletable: boolean;
  /** Size React Flow measured; handed back so it need not re-measure a node that only moved. */
  measured?: { width: number; height: number };
}

export interface CanvasEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  sourceHandle: string;
  selected: boolean;
  /** Times a simulation took this edge. */
  label?: string;
  className?: string;
}

export interface CanvasView {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

export interface ToCanvasInput {
  graph: FlowGraph;
  selection: Selection;
  /** Positions of nodes being dragged right now (not yet committed to the graph). */
  dragging?: Readonly<Record<string, FlowPosition>>;
  marks?: Readonly<Record<string, NodeMark>>;
  measured?: Readonly<Record<string, { width: number; height: number }>>;
  /** A simulation's position and path on this graph (simulate/canvas-run.ts). */
  run?: {
    active: string | null;
    visited: Readonly<Record<string, number>>;
    edges: Readonly<Record<string, number>>;
  };
  /** Edges no scenario of the latest run took (scenarios/coverage-edges.ts). */
  uncovered?: ReadonlySet<string>;
}

/**
 * Reuses the previous canvas objects when nothing about a node or edge changed, so React Flow's
 * memoised node components do not re-render the 499 untouched nodes while one is dragged.
 */
export function createCanvasMapper(): (input: ToCanvasInput) => CanvasView {
  let nodeCache = new Map<string, CanvasNode>();
  let edgeCache = new Map<string, CanvasEdge>();
  let prevNodes: CanvasNode[] = [];
  let prevEdges: CanvasEdge[] = [];
  return ({ graph, selection, dragging = {}, marks = {}, measured = {}, run, uncovered }) => {
    const selNodes = new Set(selection.nodes);
    const selEdges = new Set(selection.edges);
    const nextNodes = new Map<string, CanvasNode>();
    let nodes = graph.nodes.map((node) => {
      const position = dragging[node.id] ?? node.position;
      const selected = selNodes.has(node.id);
      const mark = marks[node.id];
      const size = measured[node.id];
      const runActive = run?.active === node.id || undefined;
      const visits = run?.visited[node.id];
      const prev = nodeCache.get(node.id);
      const same =
        prev !== undefined &&
        prev.data.node === node &&
        prev.position === position &&
        prev.selected === selected &&
        prev.data.mark === mark &&
        prev.data.runActive === runActive &&
        prev.data.visits === visits &&
        prev.measured === size;
      const canvasNode: CanvasNode = same
        ? prev
        : {
            id: node.id,
            type: node.kind,
            position,
            data: { node, ...(mark ? { mark } : {}), ...(runActive ? { runActive } : {}), ...(visits ? { visits } : {}) },
            selected,
            // The start node is the entry point: a flow without one cannot compile.
            deletable: node.kind !== 'start',
            ...(size ? { measured: size } : {}),
          };
      nextNodes.set(node.id, canvasNode);
      return canvasNode;
    });
    const nextEdges = new Map<string, CanvasEdge>();
    let edges = graph.edges.map((edge) => {
      const selected = selEdges.has(edge.id);
      const taken = run?.edges[edge.id];
      const gap = uncovered?.has(edge.id) ?? false;
      const prev = edgeCache.get(edge.id);
      const same =
        prev !== undefined &&
        prev.source === edge.source &&
        prev.target === edge.target &&
        prev.sourceHandle === edge.outcome &&
        prev.selected === selected &&
        prev.label === (taken ? String(taken) : undefined) &&
        (prev.className === 'is-uncovered') === (gap && !taken);
      const canvasEdge: CanvasEdge = same ? prev : edgeToCanvas(edge, selected, taken, gap);
      nextEdges.set(edge.id, canvasEdge);
      return canvasEdge;
    });
    nodeCache = nextNodes;
    edgeCache = nextEdges;
    // Same elements, same array: React Flow rebuilds its edge lookups whenever the array changes,
    // which for 1000 edges on every drag frame is most of the frame.
    if (sameElements(nodes, prevNodes)) nodes = prevNodes;
    if (sameElements(edges, prevEdges)) edges = prevEdges;
    prevNodes = nodes;
    prevEdges = edges;
    return { nodes, edges };
  };
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Edge type set per edge, not through React Flow's `defaultEdgeOptions`, which re-spreads every edge on every render. */
export const EDGE_TYPE = 'smoothstep';

export function edgeToCanvas(edge: FlowEdge, selected = false, taken?: number, uncovered = false): CanvasEdge {
  const base = { id: edge.id, type: EDGE_TYPE, source: edge.source, target: edge.target, sourceHandle: edge.outcome, selected };
  if (taken) return { ...base, label: String(taken), className: 'is-run-taken' };
  return uncovered ? { ...base, className: 'is-uncovered' } : base;
}

/** A connection drawn on the canvas, as React Flow reports it. */
export interface CanvasConnection {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

/** The flow edge a drawn connection means, or why it cannot be one. */
export function connectionToEdge(
  graph: FlowGraph,
  conn: CanvasConnection,
  id: string,
): { ok: true; edge: FlowEdge } | { ok: false; reason: 'incomplete' | 'unknown_node' | 'into_start' } {
  if (!conn.source || !conn.target || !conn.sourceHandle) return { ok: false, reason: 'incomplete' };
  const target = graph.nodes.find((n) => n.id === conn.target);
  if (!target || !graph.nodes.some((n) => n.id === conn.source)) return { ok: false, reason: 'unknown_node' };
  // Self-loops stay allowed: "wrong check digits" often leads straight back to the same ask.
  if (target.kind === 'start') return { ok: false, reason: 'into_start' };
  return { ok: true, edge: { id, source: conn.source, outcome: conn.sourceHandle, target: conn.target } };
}
