/**
 * Copy/paste of nodes through the system clipboard as JSON text, so a selection can travel
 * between processes, tabs and browsers. Pasted nodes get fresh ids; edges between them follow.
 */
import type { FlowEdge, FlowGraph, FlowNode, FlowPosition, NodeKind } from '@voiceman/compiler';
import type { Selection } from './canvas-mapping.js';
import { nextId } from './ids.js';

/** Kinds the designer knows; a pasted node of any other kind is refused, not half-rendered. */
const knownKinds: ReadonlySet<string> = new Set<NodeKind>(['start', 'say', 'ask', 'decision', 'set', 'request', 'subflow', 'end']);

export const CLIPBOARD_TYPE = 'voiceman/nodes';

export interface ClipboardPayload {
  type: typeof CLIPBOARD_TYPE;
  version: 1;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(graph: FlowGraph, selection: Selection): ClipboardPayload {
  const ids = new Set(selection.nodes);
  const nodes = graph.nodes.filter((n) => ids.has(n.id) && n.kind !== 'start');
  const kept = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return { type: CLIPBOARD_TYPE, version: 1, nodes, edges };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

export type ParseResult = { ok: true; payload: ClipboardPayload } | { ok: false; error: string };

/** Clipboard text can be anything the user copied elsewhere: check it before trusting it. */
export function parseClipboard(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not_json' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, error: 'not_voiceman' };
  const v = value as Partial<ClipboardPayload>;
  if (v.type !== CLIPBOARD_TYPE || v.version !== 1 || !Array.isArray(v.nodes) || !Array.isArray(v.edges)) {
    return { ok: false, error: 'not_voiceman' };
  }
  const nodeOk = (n: unknown): n is FlowNode => {
    const x = n as Partial<FlowNode> | null;
    return (
      typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.kind === 'string' &&
      typeof x.position?.x === 'number' && typeof x.position?.y === 'number' && typeof x.data === 'object' && x.data !== null
    );
  };
  const edgeOk = (e: unknown): e is FlowEdge => {
    const x = e as Partial<FlowEdge> | null;
    return typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.source === 'string' && typeof x.target === 'string' && typeof x.outcome === 'string';
  };
  if (!v.nodes.every(nodeOk) || !v.edges.every(edgeOk)) return { ok: false, error: 'malformed' };
  if (!v.nodes.every((n) => knownKinds.has(n.kind))) return { ok: false, error: 'unknown_kind' };
  return { ok: true, payload: v as ClipboardPayload };
}

/**
 * The nodes and edges to add for a paste: new ids (kind + number), positions shifted so the
 * pasted group's top-left corner lands at `at`.
 */
export function pastePayload(
  graph: FlowGraph,
  payload: ClipboardPayload,
  at: FlowPosition,
  taken: ReadonlySet<string> = new Set(graph.nodes.map((n) => n.id)),
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const source = payload.nodes.filter((n) => n.kind !== 'start');
  if (source.length === 0) return { nodes: [], edges: [] };
  const minX = Math.min(...source.map((n) => n.position.x));
  const minY = Math.min(...source.map((n) => n.position.y));
  const usedIds = new Set(taken);
  const idMap = new Map<string, string>();
  const nodes = source.map((n) => {
    const id = nextId(n.kind, usedIds);
    usedIds.add(id);
    idMap.set(n.id, id);
    return {
      ...structuredClone(n),
      id,
      position: { x: Math.round(n.position.x - minX + at.x), y: Math.round(n.position.y - minY + at.y) },
    } as FlowNode;
  });
  const usedEdgeIds = new Set(graph.edges.map((e) => e.id));
  const edges: FlowEdge[] = [];
  for (const e of payload.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (!source || !target) continue;
    const id = nextId('e', usedEdgeIds);
    usedEdgeIds.add(id);
    edges.push({ id, source, outcome: e.outcome, target });
  }
  return { nodes, edges };
}
