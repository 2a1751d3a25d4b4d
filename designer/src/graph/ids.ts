import type { FlowGraph, NodeKind } from '@voiceman/compiler';

/**
 * Readable ids (`ask3`, `e12`) rather than uuids: they appear in diagnostics, logs and the
 * machine JSON, where a designer has to recognise them.
 */
export function nextId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}

export function nodeIdFor(kind: NodeKind, graph: FlowGraph, extra: Iterable<string> = []): string {
  return nextId(kind, new Set([...graph.nodes.map((n) => n.id), ...extra]));
}

export function edgeIdFor(graph: FlowGraph, extra: Iterable<string> = []): string {
  return nextId('e', new Set([...graph.edges.map((e) => e.id), ...extra]));
}
