/**
 * Outcome coverage on the canvas. An outcome is a machine transition `source --event--> target`
 * (simulator/src/scenario/outcomes.ts); an edge of the flow is `source node --outcome--> target
 * node`. States belong to nodes as the Simulate panel maps them (simulate/canvas-run.ts: a
 * subflow call's inner states `<call>/<node>` belong to the call), and the event names the
 * handle where it can (`ANSWER.x` → x, `NOINPUT` → noInput, `REQUEST.OK` → ok, ...); an
 * `always` transition (a decision's branch, a say's next, a subflow's exit) is told apart by
 * its target node. Global words start from the machine's root, no node: they have no edge.
 */
import type { FlowGraph } from '@voiceman/compiler';
import type { ProcessCoverage } from '@voiceman/simulator';
import { nodeAtLevel } from '../simulate/canvas-run.js';

const handleOfEvent: Record<string, string> = { NOINPUT: 'noInput', NOMATCH: 'noMatch', 'REQUEST.OK': 'ok', 'REQUEST.ERROR': 'error' };

/** The handle an event leaves through, or null when the event does not say (always, done). */
export function handleOf(event: string): string | null {
  if (event.startsWith('ANSWER.')) return event.slice('ANSWER.'.length);
  return handleOfEvent[event] ?? null;
}

export interface EdgeCoverage {
  /** Edges some outcome of the machine maps to, and no scenario took. */
  uncovered: Set<string>;
  /** Edges a scenario took. */
  covered: Set<string>;
}

export function edgeCoverage(graph: FlowGraph, coverage: ProcessCoverage, prefix = ''): EdgeCoverage {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const covered = new Set<string>();
  const mapped = new Set<string>();
  for (const o of coverage.outcomes) {
    const from = nodeAtLevel(o.source, prefix);
    const to = nodeAtLevel(o.target, prefix);
    if (from === null || to === null || !nodeIds.has(from) || !nodeIds.has(to)) continue;
    // A move inside a called subflow is not a move at this level.
    if (from === to && o.source !== o.target && (o.source.slice(prefix.length).includes('/') || o.target.slice(prefix.length).includes('/'))) continue;
    const handle = handleOf(o.event);
    const pair = graph.edges.filter((e) => e.source === from && e.target === to);
    const exact = handle === null ? pair : pair.filter((e) => e.outcome === handle);
    for (const e of exact.length > 0 ? exact : pair) {
      mapped.add(e.id);
      if (o.scenarios > 0) covered.add(e.id);
    }
  }
  const uncovered = new Set([...mapped].filter((id) => !covered.has(id)));
  return { uncovered, covered };
}
