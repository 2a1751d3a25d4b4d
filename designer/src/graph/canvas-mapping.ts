/**
 * Flow graph <-> React Flow canvas. The flow graph (compiler/src/flow.ts) is the only source of
 * truth; the canvas nodes and edges are derived from it on every change, and canvas events are
 * turned back into store commands. Kept free of React so it is unit-tested in Node.
 */
import type { FlowEdge, FlowGraph, FlowNode, FlowPosition, NodeKind } from '@voiceman/compiler';
import type { CanvasDiff, DiffMark } from '../diff/canvas-diff.js';

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
  /** The dashboard's heatmap: the node's no-match level and its figures, shown on hover. */
  heat?: NodeHeat;
  /** A version diff is shown: this node was added or changed, or is a removed one's ghost. */
  diff?: DiffMark;
}

export interface NodeHeat {
  level: 'none' | 'low' | 'medium' | 'high';
  title: string;
}

/** Structurally what @xyflow/react's `Node` / `Edge` need; kept here so the module has no React import. */
export interface CanvasNode {
  id: string;
  type: NodeKind;
  position: FlowPosition;
  data: CanvasNodeData;
  selected: boolean;
  deletable: boolean;
  /** False for a removed node's ghost in a diff: it is not part of the open flow. */
  selectable?: boolean;
  draggable?: boolean;
  connectable?: boolean;
  /** Size React Flow measured; handed back so it need not re-measure a node that only moved. */
  measured?: { width: number; height: number };
}

/** A bend-point route ELK computed for an edge, valid while both ends stay where they were. */
export interface EdgeRoute {
  points: FlowPosition[];
  /** Positions of the source and target nodes the route was computed for. */
  from: FlowPosition;
  to: FlowPosition;
}

export interface CanvasEdgeData extends Record<string, unknown> {
  outcome: string;
  /** Position among the edges entering the same node, centred on 0: parallel runs are drawn apart. */
  lane: number;
  /** Position among the edges leaving the same node: back edges leaving one card turn at different depths. */
  fan: number;
  /** The edge enters or leaves a selected node. */
  linked?: 'in' | 'out';
  route?: EdgeRoute;
}

export interface CanvasEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  sourceHandle: string;
  selected: boolean;
  data: CanvasEdgeData;
  /** Times a simulation took this edge. */
  label?: string;
  className?: string;
  /** False for a removed edge's ghost in a diff. */
  selectable?: boolean;
  deletable?: boolean;
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
  /** Edge routes from the last auto-layout (graph/layout.ts). */
  routes?: Readonly<Record<string, EdgeRoute>>;
  /** A simulation's position and path on this graph (simulate/canvas-run.ts). */
  run?: {
    active: string | null;
    visited: Readonly<Record<string, number>>;
    edges: Readonly<Record<string, number>>;
  };
  /** Edges no scenario of the latest run took (scenarios/coverage-edges.ts). */
  uncovered?: ReadonlySet<string>;
  /** Heatmap figures per node id (console/dashboard/heatmap.ts). */
  heat?: Readonly<Record<string, NodeHeat>>;
  /** A version diff to draw (diff/canvas-diff.ts). */
  diff?: CanvasDiff;
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
  let laneCache: { edges: readonly FlowEdge[] | undefined; lanes: Map<string, number>; fans: Map<string, number> } = { edges: undefined, lanes: new Map(), fans: new Map() };
  return ({ graph, selection, dragging = {}, marks = {}, measured = {}, run, routes = {}, uncovered, heat: heatMap, diff }) => {
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
      const heat = heatMap?.[node.id];
      const changed = diff?.nodes[node.id];
      const prev = nodeCache.get(node.id);
      const same =
        prev !== undefined &&
        prev.data.node === node &&
        prev.position === position &&
        prev.selected === selected &&
        prev.data.mark === mark &&
        prev.data.runActive === runActive &&
        prev.data.visits === visits &&
        prev.data.heat === heat &&
        prev.data.diff === changed &&
        prev.measured === size;
      const canvasNode: CanvasNode = same
        ? prev
        : {
            id: node.id,
            type: node.kind,
            position,
            data: { node, ...(mark ? { mark } : {}), ...(runActive ? { runActive } : {}), ...(visits ? { visits } : {}), ...(heat ? { heat } : {}), ...(changed ? { diff: changed } : {}) },
            selected,
            // The start node is the entry point: a flow without one cannot compile.
            deletable: node.kind !== 'start',
            ...(size ? { measured: size } : {}),
          };
      nextNodes.set(node.id, canvasNode);
      return canvasNode;
    });
    if (diff && diff.removedNodes.length > 0) nodes = [...nodes, ...ghosts(diff)];
    const nextEdges = new Map<string, CanvasEdge>();
    const positionOf = new Map(nodes.map((n) => [n.id, n.position]));
    // Lanes depend on the edges only: not recounted on every drag frame.
    if (laneCache.edges !== graph.edges) laneCache = { edges: graph.edges, lanes: laneNumbers(graph.edges), fans: fanNumbers(graph.edges) };
    const { lanes, fans } = laneCache;
    let edges = graph.edges.map((edge) => {
      const selected = selEdges.has(edge.id);
      const taken = run?.edges[edge.id];
      const gap = uncovered?.has(edge.id) ?? false;
      const linked = selNodes.has(edge.source) ? 'out' : selNodes.has(edge.target) ? 'in' : undefined;
      const lane = lanes.get(edge.id) ?? 0;
      const fan = fans.get(edge.id) ?? 0;
      const candidate = routes[edge.id];
      const route = candidate && samePoint(candidate.from, positionOf.get(edge.source)) && samePoint(candidate.to, positionOf.get(edge.target)) ? candidate : undefined;
      const prev = edgeCache.get(edge.id);
      const same =
        prev !== undefined &&
        prev.source === edge.source &&
        prev.target === edge.target &&
        prev.sourceHandle === edge.outcome &&
        prev.selected === selected &&
        prev.data.linked === linked &&
        prev.data.lane === lane &&
        prev.data.fan === fan &&
        prev.data.route === route &&
        prev.label === (taken ? String(taken) : undefined) &&
        (prev.className ?? '').includes('is-uncovered') === (gap && !taken);
      const mark = diff?.edges[edge.id];
      const canvasEdge: CanvasEdge =
        same && (prev.className ?? '').includes('is-diff-') === (mark !== undefined) && (mark === undefined || (prev.className ?? '').includes(`is-diff-${mark}`))
          ? prev
          : withDiffClass(edgeToCanvas(edge, { selected, taken, linked, lane, fan, route, uncovered: gap }), mark);
      nextEdges.set(edge.id, canvasEdge);
      return canvasEdge;
    });
    if (diff && diff.removedEdges.length > 0) edges = [...edges, ...ghostEdges(diff)];
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

const ghostCache = new WeakMap<CanvasDiff, { nodes: CanvasNode[]; edges: CanvasEdge[] }>();

/** The removed nodes and edges of a diff, drawn where they were; made once per diff. */
function ghostsOf(diff: CanvasDiff): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  let g = ghostCache.get(diff);
  if (!g) {
    g = {
      nodes: diff.removedNodes.map((node) => ({
        id: node.id, type: node.kind, position: node.position, data: { node, diff: 'removed' as const },
        selected: false, deletable: false, selectable: false, draggable: false, connectable: false,
      })),
      edges: diff.removedEdges.map((edge) => ({ ...withDiffClass(edgeToCanvas(edge), 'removed'), selectable: false, deletable: false })),
    };
    ghostCache.set(diff, g);
  }
  return g;
}
const ghosts = (diff: CanvasDiff) => ghostsOf(diff).nodes;
const ghostEdges = (diff: CanvasDiff) => ghostsOf(diff).edges;

function withDiffClass(edge: CanvasEdge, mark: DiffMark | undefined): CanvasEdge {
  return mark ? { ...edge, className: [edge.className, `is-diff is-diff-${mark}`].filter(Boolean).join(' ') } : edge;
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function samePoint(a: FlowPosition, b: FlowPosition | undefined): boolean {
  return b !== undefined && a.x === b.x && a.y === b.y;
}

/** Lanes of the edges entering each node: 0 for a lone edge, then -0.5/0.5, -1/0/1, … */
export function laneNumbers(edges: readonly FlowEdge[]): Map<string, number> {
  const byTarget = new Map<string, string[]>();
  for (const e of edges) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e.id]);
  const lanes = new Map<string, number>();
  for (const ids of byTarget.values()) ids.forEach((id, i) => lanes.set(id, i - (ids.length - 1) / 2));
  return lanes;
}

/** Index of each edge among the edges leaving its source node. */
export function fanNumbers(edges: readonly FlowEdge[]): Map<string, number> {
  const seen = new Map<string, number>();
  const fans = new Map<string, number>();
  for (const e of edges) {
    const i = seen.get(e.source) ?? 0;
    fans.set(e.id, i);
    seen.set(e.source, i + 1);
  }
  return fans;
}

/** Edge type set per edge, not through React Flow's `defaultEdgeOptions`, which re-spreads every edge on every render. */
export const EDGE_TYPE = 'outcome';

export function edgeToCanvas(
  edge: FlowEdge,
  opts: { selected?: boolean; taken?: number; linked?: 'in' | 'out'; lane?: number; fan?: number; route?: EdgeRoute; uncovered?: boolean } = {},
): CanvasEdge {
  const { selected = false, taken, linked, lane = 0, fan = 0, route, uncovered = false } = opts;
  const data: CanvasEdgeData = { outcome: edge.outcome, lane, fan, ...(linked ? { linked } : {}), ...(route ? { route } : {}) };
  const base: CanvasEdge = { id: edge.id, type: EDGE_TYPE, source: edge.source, target: edge.target, sourceHandle: edge.outcome, selected, data };
  // An edge a scenario run never took (coverage); a taken edge of the current run wins.
  const classes = [taken ? 'is-run-taken' : uncovered ? 'is-uncovered' : '', linked ? `is-linked is-linked-${linked}` : ''].filter(Boolean).join(' ');
  return { ...base, ...(taken ? { label: String(taken) } : {}), ...(classes ? { className: classes } : {}) };
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
