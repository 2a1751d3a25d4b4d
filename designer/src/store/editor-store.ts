/**
 * One editor instance = one store (created by `createEditorStore`, provided by React context).
 * The flow graph is the only document state and the only thing undo/redo tracks (zundo with
 * `partialize`); selection, drag positions and UI state live beside it untracked.
 * Every change to the graph goes through an action here, so every change is undoable.
 */
import { createStore } from 'zustand/vanilla';
import { temporal } from 'zundo';
import { defaultNodeData } from '@voiceman/compiler';
import type { Diagnostic, FlowEdge, FlowGraph, FlowNode, FlowPosition, FlowProcess, NodeKind } from '@voiceman/compiler';
import type { Size } from '../graph/layout.js';
import { connectionToEdge, emptySelection, type CanvasConnection, type EdgeRoute, type Selection } from '../graph/canvas-mapping.js';
import { edgeIdFor, nodeIdFor } from '../graph/ids.js';
import { pastePayload, type ClipboardPayload } from '../graph/clipboard.js';

export interface EditorState {
  graph: FlowGraph;
  selection: Selection;
  /** Positions during a drag; committed to the graph (one undo step) when the drag ends. */
  dragging: Record<string, FlowPosition>;
  /** Set when the graph is a published version shown read-only. */
  readOnly: boolean;
  /** Latest compiler findings for this graph (live lint); not part of the document. */
  diagnostics: Diagnostic[];
  /** Node sizes measured by the canvas (auto-layout and handle positions need them). */
  measured: Record<string, Size>;
  /** Flows called by subflow nodes, by process key (their end outcomes are the node's handles). */
  callees: Record<string, FlowGraph>;
  /** Edge routes from the last auto-layout; each is drawn while its two nodes stay put. */
  routes: Record<string, EdgeRoute>;
  /** Where the minimap sits (a corner), or hidden: moved off the cards it would cover. */
  minimap: MinimapPlace;

  /** Adds a node; with `from`, also the edge from that node's outcome to it (one undo step). */
  addNode(kind: NodeKind, position: FlowPosition, from?: { source: string; outcome: string }): string;
  dragNodes(positions: Record<string, FlowPosition>): void;
  /** Ends a drag (or moves without one): one undo step. */
  moveNodes(positions: Record<string, FlowPosition>): void;
  updateNode(id: string, change: (node: FlowNode) => FlowNode, coalesceKey?: string): void;
  updateProcess(change: (process: FlowProcess) => FlowProcess, coalesceKey?: string): void;
  connect(conn: CanvasConnection): string | undefined;
  reconnect(edgeId: string, conn: CanvasConnection): void;
  deleteSelection(): void;
  deleteElements(nodeIds: string[], edgeIds: string[]): void;
  select(selection: Selection): void;
  selectAll(): void;
  paste(payload: ClipboardPayload, offset: FlowPosition): string[];
  /** Replaces the whole graph (layout, import, conflict resolution): one undo step. */
  replaceGraph(graph: FlowGraph): void;
  /** Loads a document: clears history (nothing to undo into another document). */
  load(graph: FlowGraph, readOnly?: boolean): void;
  setDiagnostics(diagnostics: Diagnostic[]): void;
  setMeasured(sizes: Record<string, Size>): void;
  setCallees(callees: Record<string, FlowGraph>): void;
  setRoutes(routes: Record<string, EdgeRoute>): void;
  setMinimap(place: MinimapPlace): void;
}

export const minimapCorners = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export type MinimapPlace = (typeof minimapCorners)[number] | 'hidden';

export type EditorStore = ReturnType<typeof createEditorStore>;

/** Consecutive edits with the same key within this window are one undo step (typing a word). */
const COALESCE_MS = 1000;

export function createEditorStore(initial: FlowGraph, options: { readOnly?: boolean; now?: () => number; minimap?: MinimapPlace } = {}) {
  const now = options.now ?? (() => Date.now());
  let lastCoalesce: { key: string; at: number } | undefined;

  const store = createStore<EditorState>()(
    temporal(
      (set, get) => {
        /** Applies a graph change; with a coalesce key, merges it into the previous undo step. */
        const commit = (graph: FlowGraph, extra: Partial<EditorState> = {}, coalesceKey?: string) => {
          if (get().readOnly) return;
          const t = now();
          const merge = coalesceKey !== undefined && lastCoalesce?.key === coalesceKey && t - lastCoalesce.at < COALESCE_MS;
          lastCoalesce = coalesceKey === undefined ? undefined : { key: coalesceKey, at: t };
          const history = store.temporal.getState();
          if (merge) history.pause();
          set({ ...extra, graph });
          if (merge) history.resume();
        };
        const nodeIds = () => new Set(get().graph.nodes.map((n) => n.id));

        return {
          graph: initial,
          selection: emptySelection,
          dragging: {},
          readOnly: options.readOnly ?? false,
          diagnostics: [],
          measured: {},
          callees: {},
          routes: {},
          minimap: options.minimap ?? 'bottom-right',

          addNode(kind, position, from) {
            const { graph } = get();
            const id = nodeIdFor(kind, graph);
            const node = { id, kind, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: defaultNodeData(kind, graph.process.languages) } as FlowNode;
            const withNode = { ...graph, nodes: [...graph.nodes, node] };
            const wired = from ? connectionToEdge(withNode, { source: from.source, sourceHandle: from.outcome, target: id }, edgeIdFor(withNode)) : undefined;
            const edges = wired?.ok ? [...graph.edges.filter((e) => !(e.source === from!.source && e.outcome === from!.outcome)), wired.edge] : graph.edges;
            commit({ ...withNode, edges }, { selection: { nodes: [id], edges: [] } });
            return id;
          },

          dragNodes(positions) {
            set({ dragging: { ...get().dragging, ...positions } });
          },

          moveNodes(positions) {
            const { graph } = get();
            const moved = graph.nodes.map((n) => {
              const p = positions[n.id];
              return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
            });
            if (moved.every((n, i) => n === graph.nodes[i])) {
              set({ dragging: {} });
              return;
            }
            commit({ ...graph, nodes: moved }, { dragging: {} });
          },

          updateNode(id, change, coalesceKey) {
            const { graph } = get();
            commit({ ...graph, nodes: graph.nodes.map((n) => (n.id === id ? change(n) : n)) }, {}, coalesceKey && `${id}:${coalesceKey}`);
          },

          updateProcess(change, coalesceKey) {
            const { graph } = get();
            commit({ ...graph, process: change(graph.process) }, {}, coalesceKey && `process:${coalesceKey}`);
          },

          connect(conn) {
            const { graph } = get();
            const result = connectionToEdge(graph, conn, edgeIdFor(graph));
            if (!result.ok) return undefined;
            // An outcome leads to exactly one node: a new connection from it replaces the old one.
            const others = graph.edges.filter((e) => !(e.source === result.edge.source && e.outcome === result.edge.outcome));
            // The source stays selected: its inspector stays open and the next keystrokes still
            // act on it (selecting the new edge blanked the inspector mid-task).
            commit({ ...graph, edges: [...others, result.edge] }, { selection: { nodes: [result.edge.source], edges: [] } });
            return result.edge.id;
          },

          reconnect(edgeId, conn) {
            const { graph } = get();
            const result = connectionToEdge(graph, conn, edgeId);
            if (!result.ok) return;
            const edges = graph.edges
              .filter((e) => e.id === edgeId || !(e.source === result.edge.source && e.outcome === result.edge.outcome))
              .map((e) => (e.id === edgeId ? result.edge : e));
            commit({ ...graph, edges });
          },

          deleteSelection() {
            const { selection } = get();
            get().deleteElements(selection.nodes, selection.edges);
          },

          deleteElements(nodeIdsToDelete, edgeIdsToDelete) {
            const { graph } = get();
            const startIds = new Set(graph.nodes.filter((n) => n.kind === 'start').map((n) => n.id));
            const gone = new Set(nodeIdsToDelete.filter((id) => !startIds.has(id)));
            const goneEdges = new Set(edgeIdsToDelete);
            const nodes = graph.nodes.filter((n) => !gone.has(n.id));
            const edges = graph.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target));
            if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return;
            commit({ ...graph, nodes, edges }, { selection: emptySelection });
          },

          select(selection) {
            set({ selection });
          },

          selectAll() {
            const { graph } = get();
            set({ selection: { nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map((e) => e.id) } });
          },

          paste(payload, offset) {
            const { graph } = get();
            const pasted = pastePayload(graph, payload, offset, nodeIds());
            if (pasted.nodes.length === 0) return [];
            commit(
              { ...graph, nodes: [...graph.nodes, ...pasted.nodes], edges: [...graph.edges, ...pasted.edges] },
              { selection: { nodes: pasted.nodes.map((n) => n.id), edges: pasted.edges.map((e: FlowEdge) => e.id) } },
            );
            return pasted.nodes.map((n) => n.id);
          },

          replaceGraph(graph) {
            commit(graph, { selection: emptySelection, dragging: {} });
          },

          setDiagnostics(diagnostics) {
            set({ diagnostics });
          },

          setCallees(callees) {
            set({ callees });
          },

          setRoutes(routes) {
            set({ routes });
          },

          setMinimap(minimap) {
            set({ minimap });
          },

          setMeasured(sizes) {
            const current = get().measured;
            // React Flow reports sizes again and again; only real changes make a new map.
            const changed = Object.entries(sizes).filter(([id, s]) => current[id]?.width !== s.width || current[id]?.height !== s.height);
            if (changed.length === 0) return;
            set({ measured: { ...current, ...Object.fromEntries(changed) } });
          },

          load(graph, readOnly = false) {
            set({ graph, readOnly, selection: emptySelection, dragging: {}, routes: {} });
            store.temporal.getState().clear();
          },
        };
      },
      {
        partialize: (state) => ({ graph: state.graph }),
        // Selection and drag changes are not document changes: only a new graph makes an undo step.
        equality: (past, current) => past.graph === current.graph,
        limit: 200,
      },
    ),
  );
  return store;
}

export function undo(store: EditorStore): void {
  store.temporal.getState().undo();
  store.setState({ dragging: {} });
}

export function redo(store: EditorStore): void {
  store.temporal.getState().redo();
}

/** Selectors as constants, so components subscribe to stable functions. */
export const selectGraph = (s: EditorState) => s.graph;
export const selectNodes = (s: EditorState) => s.graph.nodes;
export const selectEdges = (s: EditorState) => s.graph.edges;
export const selectProcess = (s: EditorState) => s.graph.process;
export const selectSelection = (s: EditorState) => s.selection;
export const selectDragging = (s: EditorState) => s.dragging;
export const selectReadOnly = (s: EditorState) => s.readOnly;
export const selectDiagnostics = (s: EditorState) => s.diagnostics;
export const selectMeasured = (s: EditorState) => s.measured;
export const selectRoutes = (s: EditorState) => s.routes;
export const selectMinimap = (s: EditorState) => s.minimap;
export const selectSelectedNode = (s: EditorState): FlowNode | undefined =>
  s.selection.nodes.length === 1 ? s.graph.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined;
