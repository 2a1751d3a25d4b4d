/**
 * The React Flow canvas, controlled by the editor store: nodes and edges are derived from the
 * flow graph (graph/canvas-mapping.ts), canvas events become store actions. Deleting goes
 * through the command dispatch, not React Flow's own key handling, so it is undoable alike.
 */
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import {
  Background,
  type FinalConnectionState,
  type OnMoveEnd,
  Controls,
  MiniMap,
  ReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type Edge,
  type Node,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import type { NodeKind } from '@voiceman/compiler';
import { createCanvasMapper, type CanvasNodeData, type NodeMark, type ToCanvasInput } from '../../graph/canvas-mapping.js';
import { nodeTypes } from '../../kinds/NodeCard.js';
import { nodeViews } from '../../kinds/registry.js';
import { selectDiagnostics, selectDragging, selectGraph, selectMeasured, selectReadOnly, selectMinimap, selectRoutes, selectSelection } from '../../store/editor-store.js';
import { loadViewport, openingView, saveViewport } from '../../graph/viewport.js';
import { useEditor, useEditorStore } from '../editor-context.js';
import { edgeTypes } from './OutcomeEdge.js';

export const PALETTE_MIME = 'application/x-voiceman-kind';

type CardNode = Node<CanvasNodeData>;

// Props React Flow compares by identity: created once, so a drag frame does not re-render the
// minimap's 500 nodes or re-bind key listeners.
const multiSelectKeys = ['Meta', 'Control', 'Shift'];
const fitViewOptions = { maxZoom: 1, padding: 0.2 };
const minimapStyle = { width: 180, height: 120 };
const proOptions = { hideAttribution: true };
const minimapColor = (n: Node) => nodeViews[(n.data as CanvasNodeData).node.kind].accent;

export function Canvas({
  onInit,
  onNodeFocus,
  run,
  uncovered,
  heat,
  diff,
}: {
  onInit(instance: ReactFlowInstance<CardNode, Edge>): void;
  onNodeFocus(): void;
  /** A running simulation on this graph: the active node is highlighted and kept in view. */
  run?: ToCanvasInput['run'];
  /** Edges the latest scenario run did not take, coloured as gaps. */
  uncovered?: ToCanvasInput['uncovered'];
  /** The dashboard's heatmap, when shown. */
  heat?: ToCanvasInput['heat'];
  /** A version diff, when one is shown from the Versions tab. */
  diff?: ToCanvasInput['diff'];
}) {
  const store = useEditorStore();
  const graph = useEditor(selectGraph);
  const selection = useEditor(selectSelection);
  const dragging = useEditor(selectDragging);
  const measured = useEditor(selectMeasured);
  const diagnostics = useEditor(selectDiagnostics);
  const readOnly = useEditor(selectReadOnly);
  const routes = useEditor(selectRoutes);
  const minimap = useEditor(selectMinimap);
  const instance = useRef<ReactFlowInstance<CardNode, Edge> | null>(null);
  const mapper = useMemo(createCanvasMapper, []);

  const marks = useMemo(() => {
    const m: Record<string, NodeMark> = {};
    for (const d of diagnostics) {
      if (!d.nodeId) continue;
      if (d.severity === 'error') m[d.nodeId] = 'error';
      else m[d.nodeId] ??= 'warning';
    }
    return m;
  }, [diagnostics]);

  const view = useMemo(() => mapper({ graph, selection, dragging, marks, measured, run, routes, uncovered, heat, diff }), [mapper, graph, selection, dragging, marks, measured, run, routes, uncovered, heat, diff]);
  const box = useRef<HTMLDivElement>(null);
  useActiveInView(run?.active ?? null, instance, box);

  const onNodesChange = useCallback(
    (changes: NodeChange<CardNode>[]) => {
      const s = store.getState();
      const drag: Record<string, { x: number; y: number }> = {};
      const sizes: Record<string, { width: number; height: number }> = {};
      let selNodes: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'position' && c.position && c.dragging) drag[c.id] = c.position;
        else if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = { width: c.dimensions.width, height: c.dimensions.height };
        else if (c.type === 'select') {
          selNodes ??= new Set(s.selection.nodes);
          if (c.selected) selNodes.add(c.id);
          else selNodes.delete(c.id);
        }
      }
      if (Object.keys(sizes).length) s.setMeasured(sizes);
      if (Object.keys(drag).length && !s.readOnly) s.dragNodes(drag);
      if (selNodes) s.select({ nodes: [...selNodes], edges: store.getState().selection.edges });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      const s = store.getState();
      let selEdges: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'select') {
          selEdges ??= new Set(s.selection.edges);
          if (c.selected) selEdges.add(c.id);
          else selEdges.delete(c.id);
        }
      }
      if (selEdges) s.select({ nodes: store.getState().selection.nodes, edges: [...selEdges] });
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, __: CardNode, nodes: CardNode[]) => {
      store.getState().moveNodes(Object.fromEntries(nodes.map((n) => [n.id, n.position])));
    },
    [store],
  );

  const onConnect = useCallback((c: Connection) => void store.getState().connect(c), [store]);
  // A connection dropped on a card's body (not on its small input handle) connects to that card.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle?.id || state.fromHandle.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const card = document.elementFromPoint(point.clientX, point.clientY)?.closest<HTMLElement>('.react-flow__node');
      const target = card?.dataset.id;
      if (!target) return;
      store.getState().connect({ source: state.fromNode.id, sourceHandle: state.fromHandle.id, target });
    },
    [store],
  );
  const onReconnect = useCallback((old: Edge, c: Connection) => store.getState().reconnect(old.id, c), [store]);

  const handleInit = useCallback(
    (i: ReactFlowInstance<CardNode, Edge>) => {
      instance.current = i;
      const s = store.getState();
      const rect = box.current?.getBoundingClientRect();
      const opening = openingView(s.graph, { width: rect?.width ?? 1000, height: rect?.height ?? 700 }, loadViewport(localStorage, s.graph.process.key), s.measured);
      if (opening.kind === 'saved') void i.setViewport(opening.viewport);
      else if (opening.kind === 'center') void i.setCenter(opening.x, opening.y, { zoom: opening.zoom });
      else void i.fitView(fitViewOptions);
      onInit(i);
    },
    [onInit, store],
  );
  const onMoveEnd = useCallback<OnMoveEnd>((_, viewport) => saveViewport(localStorage, store.getState().graph.process.key, viewport), [store]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!kind || !(kind in nodeViews) || !instance.current) return;
      e.preventDefault();
      const position = instance.current.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.getState().addNode(kind, { x: position.x - 110, y: position.y - 20 });
      onNodeFocus();
    },
    [store, onNodeFocus],
  );

  return (
    <div className="vm-canvas" ref={box} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<CardNode, Edge>
        nodes={view.nodes as CardNode[]}
        edges={view.edges as Edge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeClick={onNodeFocus}
        onEdgeClick={onNodeFocus}
        onMoveEnd={onMoveEnd}
        onReconnect={onReconnect}
        onInit={handleInit}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={multiSelectKeys}
        minZoom={0.1}
        maxZoom={2}
        proOptions={proOptions}
      >
        <Background gap={20} />
        {minimap !== 'hidden' && <MiniMap pannable zoomable nodeColor={minimapColor} position={minimap} style={minimapStyle} />}
        <Controls showInteractive={false} />
        <FarClass box={box} />
      </ReactFlow>
    </div>
  );
}

/** Below this zoom a card's text cannot be read: it is not painted (the card keeps its size). */
const FAR_ZOOM = 0.5;
const selectFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;

/**
 * Marks the canvas "far" while zoomed out, so the cards' texts are hidden by CSS: painting 500
 * cards' text nobody can read was most of a drag frame at fit-all. A class on the container, not
 * a prop of the cards, so crossing the threshold re-renders no card.
 */
function FarClass({ box }: { box: { current: HTMLDivElement | null } }) {
  const far = useFlowStore(selectFar);
  useEffect(() => {
    box.current?.classList.toggle('is-far', far);
  }, [far, box]);
  return null;
}

/** Pans to the simulation's active node when it moves out of sight (a node in view stays put). */
function useActiveInView(active: string | null, instance: { current: ReactFlowInstance<CardNode, Edge> | null }, box: { current: HTMLDivElement | null }) {
  useEffect(() => {
    const flow = instance.current;
    const el = box.current;
    if (!active || !flow || !el) return;
    const node = flow.getInternalNode(active);
    if (!node) return;
    const { x, y, zoom } = flow.getViewport();
    const w = node.measured.width ?? 220;
    const h = node.measured.height ?? 100;
    const pos = node.internals.positionAbsolute;
    const left = pos.x * zoom + x;
    const top = pos.y * zoom + y;
    const margin = 40;
    const inView = left >= margin && top >= margin && left + w * zoom <= el.clientWidth - margin && top + h * zoom <= el.clientHeight - margin;
    // A whole large flow fits only at a zoom where no card can be read: follow at a readable one.
    const readable = zoom >= 0.6;
    if (!inView || !readable) void flow.setCenter(pos.x + w / 2, pos.y + h / 2, { zoom: readable ? zoom : 0.85, duration: 300 });
  }, [active, instance, box]);
}
