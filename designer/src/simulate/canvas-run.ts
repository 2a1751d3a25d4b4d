/**
 * The run drawn on a canvas: which node is active, which were visited (and how often), which
 * edges were taken (with a count). A canvas shows one graph: the process itself (prefix '') or,
 * while the run is inside a subflow, the callee at that call's prefix (`signOn/`), since the
 * compiler names inlined states `<callNode>/<node>`.
 */
import type { FlowGraph } from '@voiceman/compiler';

export interface RunMarks {
  active: string | null;
  visited: Readonly<Record<string, number>>;
  /** Flow edge id → times taken. */
  edges: Readonly<Record<string, number>>;
}

export const noRunMarks: RunMarks = Object.freeze({ active: null, visited: Object.freeze({}), edges: Object.freeze({}) });

/**
 * The node of the graph at `prefix` a state id belongs to (its own, or the subflow call holding
 * it). A copy of an in-place word's branch (`<ask>~<word>~<node>`) belongs to its branch node.
 */
export function nodeAtLevel(stateId: string, prefix: string): string | null {
  if (!stateId.startsWith(prefix)) return null;
  const rest = stateId.slice(prefix.length);
  const cut = rest.indexOf('/');
  const own = cut < 0 ? rest : rest.slice(0, cut);
  return own.slice(own.lastIndexOf('~') + 1);
}

export interface RunSnapshot {
  activeStates: readonly string[];
  visited: Readonly<Record<string, number>>;
  edges: Readonly<Record<string, number>>;
}

export function runMarks(graph: FlowGraph, run: RunSnapshot, prefix = ''): RunMarks {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  let active: string | null = null;
  for (const id of run.activeStates) {
    const node = nodeAtLevel(id, prefix);
    if (node !== null && nodeIds.has(node)) active = node;
  }
  const visited: Record<string, number> = {};
  const inner = new Set<string>();
  for (const [id, times] of Object.entries(run.visited)) {
    const node = nodeAtLevel(id, prefix);
    if (node === null || !nodeIds.has(node)) continue;
    // A subflow call counts once per entry of the call (below), not once per inner state.
    if (id.slice(prefix.length).includes('/')) inner.add(node);
    else visited[node] = (visited[node] ?? 0) + times;
  }
  const calls: Record<string, number> = {};
  for (const [key, times] of Object.entries(run.edges)) {
    const [fromState = '', toState = ''] = key.split('->');
    const to = nodeAtLevel(toState, prefix);
    if (to !== null && inner.has(to) && nodeAtLevel(fromState, prefix) !== to) calls[to] = (calls[to] ?? 0) + times;
  }
  for (const node of inner) visited[node] ??= Math.max(calls[node] ?? 0, 1);
  const byPair = new Map<string, string[]>();
  for (const e of graph.edges) {
    const key = `${e.source}->${e.target}`;
    byPair.set(key, [...(byPair.get(key) ?? []), e.id]);
  }
  const edges: Record<string, number> = {};
  for (const [key, times] of Object.entries(run.edges)) {
    const arrow = key.indexOf('->');
    if (arrow < 0) continue;
    const fromState = key.slice(0, arrow);
    const toState = key.slice(arrow + 2);
    const from = nodeAtLevel(fromState, prefix);
    const to = nodeAtLevel(toState, prefix);
    if (from === null || to === null) continue;
    // Moves inside a called subflow are not moves at this level.
    if (from === to && fromState !== toState) continue;
    for (const id of byPair.get(`${from}->${to}`) ?? []) edges[id] = (edges[id] ?? 0) + times;
  }
  return { active, visited, edges };
}

export interface Crumb {
  /** State id of the call (or of the active state, for the last crumb). */
  stateId: string;
  nodeId: string;
  /** Process the node belongs to. */
  processKey: string;
}

/**
 * The run's position as a path through subflow calls: one crumb per level, outermost first,
 * with the graph each level shows (the callee graphs come from `resolve`).
 */
export function runPath(
  root: FlowGraph,
  activeStates: readonly string[],
  resolve: (processKey: string) => FlowGraph | undefined,
): { crumbs: Crumb[]; graph: FlowGraph; prefix: string } {
  const crumbs: Crumb[] = [];
  let graph = root;
  let prefix = '';
  const sorted = [...activeStates].sort((a, b) => a.split('/').length - b.split('/').length);
  for (const id of sorted) {
    const nodeId = nodeAtLevel(id, prefix);
    if (nodeId === null || id !== prefix + nodeId) continue;
    const node = graph.nodes.find((n) => n.id === nodeId);
    if (!node) break;
    crumbs.push({ stateId: id, nodeId, processKey: graph.process.key });
    if (node.kind !== 'subflow') break;
    const callee = resolve(node.data.processKey);
    const inner = sorted.some((s) => s.startsWith(`${id}/`));
    if (!callee || !inner) break;
    graph = callee;
    prefix = `${id}/`;
  }
  return { crumbs, graph, prefix };
}
