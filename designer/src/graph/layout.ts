/**
 * Auto-layout with ELK's layered algorithm (top to bottom, like reading a dialog). Node sizes
 * come from the canvas when it has measured them, otherwise a typical card size. Each outcome
 * is a port on the card's bottom edge (in handle order) and the input a port on top, so ELK
 * routes every edge orthogonally around the cards from its handle; the routes are kept
 * (`EdgeRoute`) and drawn until one of their ends moves.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { outcomesOf, type FlowGraph, type FlowPosition } from '@voiceman/compiler';
import type { EdgeRoute } from './canvas-mapping.js';

export interface Size {
  width: number;
  height: number;
}

const defaultSize: Size = { width: 240, height: 110 };

let elk: Promise<ELK> | undefined;

/** ELK is 1.5 MB: loaded on the first layout, not with the editor. */
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));

export interface LayoutResult {
  positions: Record<string, FlowPosition>;
  /** Per edge id: ELK's route from the source handle to the target handle. */
  routes: Record<string, EdgeRoute>;
}

const inPort = (id: string) => `${id}::in`;
const outPort = (id: string, outcome: string) => `${id}::out::${outcome}`;

export async function layoutGraph(
  graph: FlowGraph,
  sizes: Readonly<Record<string, Size>> = {},
  callees: Readonly<Record<string, FlowGraph>> = {},
): Promise<LayoutResult> {
  const engine = await loadElk();
  const ids = new Set(graph.nodes.map((n) => n.id));
  const ports = new Set<string>();
  const children: ElkNode[] = graph.nodes.map((n) => {
    const size = sizes[n.id] ?? defaultSize;
    const outcomes = outcomesOf(n, (key) => callees[key]);
    // Edges may name an outcome the node no longer has (lint reports it): give it a port too.
    for (const e of graph.edges) if (e.source === n.id && !outcomes.includes(e.outcome)) outcomes.push(e.outcome);
    const nodePorts = [
      { id: inPort(n.id), x: size.width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
      ...outcomes.map((o, i) => ({ id: outPort(n.id, o), x: ((i + 0.5) / outcomes.length) * size.width, y: size.height, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH' } })),
    ];
    for (const p of nodePorts) ports.add(p.id);
    return { id: n.id, ...size, ports: nodePorts, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } };
  });
  const edges = graph.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ id: e.id, sources: [outPort(e.source, e.outcome)], targets: [inPort(e.target)] }));
  const result = await engine.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '60',
      'elk.spacing.edgeEdge': '14',
      'elk.spacing.edgeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.spacing.edgeNodeBetweenLayers': '24',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children,
    edges,
  });
  const positions: Record<string, FlowPosition> = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  const routes: Record<string, EdgeRoute> = {};
  const byId = new Map(graph.edges.map((e) => [e.id, e]));
  for (const e of (result.edges ?? []) as ElkExtendedEdge[]) {
    const edge = byId.get(e.id);
    const section = e.sections?.[0];
    if (!edge || !section || e.sections!.length !== 1) continue;
    const from = positions[edge.source];
    const to = positions[edge.target];
    if (!from || !to) continue;
    routes[e.id] = { points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })), from, to };
  }
  return { positions, routes };
}

export async function layoutPositions(graph: FlowGraph, sizes: Readonly<Record<string, Size>> = {}): Promise<Record<string, FlowPosition>> {
  return (await layoutGraph(graph, sizes)).positions;
}
