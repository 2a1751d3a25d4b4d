/**
 * Structural checks of one flow: ids, the start node, edges, dead ends, reachability and loops
 * that never wait for the operator. Kind-specific checks live with each kind.
 */
import { CEL_RESERVED_WORDS, valueTypeMismatch } from '@voiceman/runtime';
import type { DiagnosticCode } from '../diagnostics.js';
import type { FlowEdge, FlowNode } from '../flow.js';
import { kindOf, outcomesOf } from '../kinds/index.js';
import { versionOf } from '../kinds/subflow.js';
import type { NodeOfKind } from '../kinds/types.js';
import { LANGUAGE_NAMES, type LintContext } from './context.js';
import { stronglyConnected } from './scc.js';
import { lintBuiltinWords, lintGlobalWordsAgainstBuiltins } from './vocabulary.js';
import { lintInPlaceWords } from './in-place-words.js';
import { REFERENCE_TABLE_NAME } from '../reference.js';

/** Names CEL always declares (the runtime refuses variables named so), with what they are. */
const RESERVED_NAMES = new Map([
  ['event', 'the event being handled'],
  ['session', 'the operator session'],
  ['ref', 'the reference data'],
]);

/** Node ids → node, edges that lead somewhere real by an outcome the source has. */
export interface GraphIndex {
  nodes: Map<string, FlowNode>;
  outcomes: Map<string, string[]>;
  /** source id → outcome → target id (valid edges only) */
  next: Map<string, Map<string, string>>;
  start?: FlowNode;
}

export function lintGraph(ctx: LintContext): GraphIndex {
  const { flow } = ctx;
  const index: GraphIndex = { nodes: new Map(), outcomes: new Map(), next: new Map() };

  const seenVars = new Set<string>();
  flow.process.variables.forEach((v, i) => {
    const field = `/process/variables/${i}`;
    if (seenVars.has(v.name)) ctx.report('duplicate-variable', `Variable "${v.name}" is declared twice.`, { field });
    seenVars.add(v.name);
    if (RESERVED_NAMES.has(v.name)) {
      ctx.report('variable-reserved', `"${v.name}" is a name every expression already has (${RESERVED_NAMES.get(v.name)}); call the variable something else.`, { field: `${field}/name` });
    } else if (CEL_RESERVED_WORDS.includes(v.name)) {
      ctx.report('variable-reserved', `"${v.name}" is a reserved word in CEL expressions; call the variable something else.`, { field: `${field}/name` });
    }
    if (v.default !== undefined) {
      const problem = valueTypeMismatch(v.default, v.type);
      if (problem) ctx.report('variable-default-type', `Default of variable "${v.name}": ${problem}.`, { field: `${field}/default` });
    }
  });

  const starts: FlowNode[] = [];
  for (const node of flow.nodes) {
    if (index.nodes.has(node.id)) {
      ctx.report('duplicate-node-id', `Two nodes have the id "${node.id}".`, { nodeId: node.id });
      continue;
    }
    index.nodes.set(node.id, node);
    if (node.kind === 'start') starts.push(node);
    const outcomes = outcomesOf(node, ctx.resolveProcess);
    index.outcomes.set(node.id, outcomes);
    // A node has a few outcomes: comparing pairs costs less than a Set per node.
    for (let i = 1; i < outcomes.length; i++) {
      const outcome = outcomes[i]!;
      if (outcomes.indexOf(outcome) < i) {
        ctx.report('duplicate-outcome', `Two outcomes are named "${outcome}".`, { nodeId: node.id });
      }
    }
  }
  if (starts.length === 0) ctx.report('start-missing', 'The flow has no start node: add one where the dialog begins.');
  for (const extra of starts.slice(1)) {
    ctx.report('start-multiple', `Only one start node is allowed; "${starts[0]!.id}" is already the start.`, { nodeId: extra.id });
  }
  index.start = starts[0];

  const edgeIds = new Set<string>();
  for (const edge of flow.edges) checkEdge(ctx, index, edge, edgeIds);

  for (const node of index.nodes.values()) {
    if (node.kind === 'end') continue;
    const connected = index.next.get(node.id);
    const special = kindOf(node.kind).specialOutcomes ?? NO_SPECIAL;
    for (const outcome of index.outcomes.get(node.id)!) {
      if (connected?.has(outcome)) continue;
      const code = special[outcome];
      if (code) ctx.report(code, `Outcome "${outcome}" is not connected: connect it (e.g. to a help or supervisor path); after the last attempt the dialog needs somewhere to go.`, { nodeId: node.id, field: `outcome:${outcome}` });
      else ctx.report('dead-end', `Outcome "${outcome}" is not connected to anything.`, { nodeId: node.id, field: `outcome:${outcome}` });
    }
  }

  flow.process.globalWords.forEach((word, i) => {
    for (const lang of ctx.languages) {
      // The runtime refuses a global word that cannot be said in a declared language.
      if (!(word.phrases[lang] ?? []).some((p) => p.trim() !== '')) {
        ctx.report('missing-text', `Process-wide word "${word.name}" has no ${LANGUAGE_NAMES[lang]} phrase.`, { field: `/process/globalWords/${i}/phrases/${lang}` });
      }
    }
    if (!index.nodes.has(word.target)) {
      ctx.report('global-word-target', `Process-wide word "${word.name}" leads to node "${word.target}", which does not exist.`, {
        field: `/process/globalWords/${i}/target`,
      });
    }
  });

  const tables = new Set<string>();
  (flow.process.referenceTables ?? []).forEach((table, i) => {
    const field = `/process/referenceTables/${i}`;
    if (!REFERENCE_TABLE_NAME.test(table)) {
      ctx.report('reference-table-name', `Reference table "${table}" is not a snake_case name (lower-case letters, digits, "_"; starting with a letter): expressions read it as ref.<table>.`, { field });
    } else if (tables.has(table)) ctx.report('reference-table-name', `Reference table "${table}" is listed twice.`, { field });
    tables.add(table);
  });
  lintGlobalWordsAgainstBuiltins(ctx);
  lintBuiltinWords(ctx);
  const onBranch = lintInPlaceWords(ctx, index);
  reachability(ctx, index);
  silentLoops(ctx, index, onBranch);
  return index;
}

function checkEdge(ctx: LintContext, index: GraphIndex, edge: FlowEdge, edgeIds: Set<string>): void {
  if (edgeIds.has(edge.id)) {
    ctx.report('duplicate-edge-id', `Two edges have the id "${edge.id}".`, { edgeId: edge.id });
    return;
  }
  edgeIds.add(edge.id);
  const source = index.nodes.get(edge.source);
  if (!source) {
    ctx.report('edge-unknown-source', `Edge "${edge.id}" leaves node "${edge.source}", which does not exist.`, { edgeId: edge.id });
    return;
  }
  // The edge's objects for a finding are built only for one (20,000 edges, most of them fine).
  const outcomes = index.outcomes.get(source.id)!;
  if (!outcomes.includes(edge.outcome)) {
    // A subflow whose callee is unknown has unknown outcomes: reported once on the node instead.
    const unresolved = source.kind === 'subflow' && !ctx.resolveProcess?.(source.data.processKey, versionOf(source));
    if (!unresolved) {
      const has = outcomes.length ? `it has ${outcomes.map((o) => `"${o}"`).join(', ')}` : 'an end node has none';
      ctx.report('edge-unknown-outcome', `Node "${source.id}" has no outcome "${edge.outcome}"; ${has}.`, { edgeId: edge.id, nodeId: edge.source });
    }
    return;
  }
  const target = index.nodes.get(edge.target);
  if (!target) {
    ctx.report('edge-unknown-target', `Edge "${edge.id}" leads to node "${edge.target}", which does not exist.`, { edgeId: edge.id, nodeId: edge.source });
    return;
  }
  // An edge back into its own node is fine: it compiles to a re-entering transition (the ask
  // speaks again); one on a node that never asks is a silent loop, reported by silentLoops.
  if (target.kind === 'start') {
    ctx.report('edge-into-start', 'An edge leads back into the start node; lead it to the first real step instead.', { edgeId: edge.id, nodeId: edge.source });
    return;
  }
  let byOutcome = index.next.get(source.id);
  if (!byOutcome) index.next.set(source.id, (byOutcome = new Map()));
  if (byOutcome.has(edge.outcome)) {
    ctx.report('edge-duplicate-outcome', `Outcome "${edge.outcome}" of node "${source.id}" already has an edge; an outcome leads to one place.`, { edgeId: edge.id, nodeId: edge.source });
    return;
  }
  byOutcome.set(edge.outcome, target.id);
}

/** Nodes no path reaches from start (process-wide and in-place words count as paths from their asks). */
function reachability(ctx: LintContext, index: GraphIndex): void {
  if (!index.start) return;
  const reached = new Set<string>([index.start.id]);
  const queue = [index.start.id];
  let globalsAdded = false;
  // One closure for the walk, not one per node.
  const visit = (target: string) => {
    if (index.nodes.has(target) && !reached.has(target)) {
      reached.add(target);
      queue.push(target);
    }
  };
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    const node = index.nodes.get(id)!;
    if (!globalsAdded && node.kind === 'ask') {
      globalsAdded = true;
      for (const word of ctx.flow.process.globalWords) visit(word.target);
      for (const word of ctx.flow.process.inPlaceWords ?? []) visit(word.target);
    }
    if (node.kind === 'ask') for (const word of node.data.inPlaceWords ?? []) visit(word.target);
    const next = index.next.get(id);
    if (next) {
      for (const target of next.values()) {
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
  }
  for (const node of index.nodes.values()) {
    if (!reached.has(node.id)) ctx.report('unreachable-node', 'No path from the start reaches this node.', { nodeId: node.id });
  }
}

const NONE: readonly string[] = [];
const NO_SPECIAL: Partial<Record<string, DiagnosticCode>> = Object.freeze({});
/** Kinds that only speak, set or choose: on a loop with one request they are a retry's trimmings. */
const RETRY_TRIMMINGS = new Set<string>(['say', 'set', 'decision']);

/** The request of a loop made of one request and nothing but says, sets and decisions; else undefined. */
function retryLoopRequest(nodes: FlowNode[]): FlowNode | undefined {
  const requests = nodes.filter((n) => n.kind === 'request');
  if (requests.length !== 1) return undefined;
  return nodes.every((n) => n.kind === 'request' || RETRY_TRIMMINGS.has(n.kind)) ? requests[0] : undefined;
}

/**
 * A cycle through nodes that never wait for the operator would spin forever (or hammer the
 * WMS): drop every node that asks, then any cycle left is silent.
 */
function silentLoops(ctx: LintContext, index: GraphIndex, onBranch: ReadonlySet<string>): void {
  const cache = new Map<string, boolean>();
  const silent = (id: string) => {
    let result = cache.get(id);
    if (result === undefined) {
      const node = index.nodes.get(id)!;
      result = !kindOf(node.kind).asksOperator(node as NodeOfKind<typeof node.kind>, ctx.resolveProcess);
      cache.set(id, result);
    }
    return result;
  };
  const ids = [...index.nodes.keys()].filter(silent);
  // Successors outside `ids` (nodes that ask) are skipped by stronglyConnected itself.
  const successors = (id: string): Iterable<string> => index.next.get(id)?.values() ?? NONE;
  for (const component of stronglyConnected(ids, successors)) {
    const only = component[0]!;
    const looping = component.length > 1 || [...successors(only)].includes(only);
    // A loop on an in-place branch is reported as in-place-word-loop.
    if (!looping || onBranch.has(only)) continue;
    const shown = component.slice(0, 6).join(' → ') + (component.length > 6 ? ' …' : '');
    const retried = retryLoopRequest(component.map((id) => index.nodes.get(id)!));
    if (retried) {
      // A loop back into one WMS call is a retry: the request's own policy does it, bounded.
      ctx.report(
        'loop-without-ask',
        `These nodes form a loop that never asks the operator: ${shown}. To call the WMS again, do not loop back into request "${retried.id}": ` +
          'set its retry policy instead (retries, and retryStatuses such as [500, 503] with a backoff), and connect its error outcome onwards.',
        { nodeId: retried.id, field: '/retries' },
      );
      continue;
    }
    ctx.report('loop-without-ask', `These nodes form a loop that never asks the operator: ${shown}. Put an ask on the loop.`, {
      nodeId: only,
    });
  }
}
