/**
 * Finding nodes by what a designer remembers of them: the id, the label, the kind, or any text
 * in the node (prompts in every language, URLs, conditions). Used by "Find node" and by the
 * keyboard connect's target search.
 */
import type { FlowGraph, FlowNode } from '@voiceman/compiler';

export interface NodeMatch {
  node: FlowNode;
  /** The text the query matched, shown beside the id (empty when the id matched). */
  excerpt: string;
}

function strings(value: unknown, out: string[], depth = 0): string[] {
  if (depth > 6) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out, depth + 1);
  return out;
}

/** A node's searchable texts: label first, then its data's strings. */
export function nodeTexts(node: FlowNode): string[] {
  return [...(node.label ? [node.label] : []), ...strings(node.data, [])].filter((s) => s.trim() !== '');
}

function excerptAround(text: string, at: number, length: number): string {
  const start = Math.max(0, at - 20);
  const end = Math.min(text.length, at + length + 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * Nodes matching `query` (case-insensitive), best first: id equal, id prefix, id contains, then
 * kind or text contains; graph order within a rank. An empty query lists every node.
 */
export function findNodes(graph: FlowGraph, query: string, limit = 50): NodeMatch[] {
  const q = query.trim().toLowerCase();
  if (!q) return graph.nodes.slice(0, limit).map((node) => ({ node, excerpt: nodeTexts(node)[0] ?? '' }));
  const ranked: { rank: number; index: number; match: NodeMatch }[] = [];
  graph.nodes.forEach((node, index) => {
    const id = node.id.toLowerCase();
    const firstText = nodeTexts(node)[0] ?? '';
    let rank = id === q ? 0 : id.startsWith(q) ? 1 : id.includes(q) ? 2 : node.kind.includes(q) ? 3 : -1;
    let excerpt = firstText;
    if (rank < 0) {
      for (const text of nodeTexts(node)) {
        const at = text.toLowerCase().indexOf(q);
        if (at >= 0) {
          rank = 4;
          excerpt = excerptAround(text, at, q.length);
          break;
        }
      }
    }
    if (rank >= 0) ranked.push({ rank, index, match: { node, excerpt } });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((r) => r.match);
}
