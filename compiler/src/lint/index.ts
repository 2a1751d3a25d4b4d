import type { Diagnostic } from '../diagnostics.js';
import type { FlowGraph } from '../flow.js';
import { kindOf } from '../kinds/index.js';
import type { CalleeVersion, NodeOfKind, ResolveProcess } from '../kinds/types.js';
import { parseFlow, type PartialFlow } from '../parse.js';
import { LintContext } from './context.js';
import { lintGraph, type GraphIndex } from './graph.js';

export interface LintOptions {
  resolveProcess?: ResolveProcess;
}

/** Everything wrong with a flow (any input: malformed input is a diagnostic too). */
export function lintFlow(input: unknown, options: LintOptions = {}): Diagnostic[] {
  const parsed = parseFlow(input);
  if (!parsed.ok) return parsed.partial ? [...parsed.diagnostics, ...lintPartial(parsed.partial, options.resolveProcess)] : parsed.diagnostics;
  return lintParsed(parsed.flow, options.resolveProcess).diagnostics;
}

/**
 * The findings in the rest of a flow whose schema problems are confined to some nodes or edges,
 * without the ones that only leaving those out causes (an outcome whose edge was dropped is not
 * a dead end, a global word may point at a broken node, reachability is unknown).
 */
export function lintPartial(partial: PartialFlow, resolveProcess?: ResolveProcess): Diagnostic[] {
  const dropped = new Set(partial.droppedEdges.map((e) => `${e.source}\u0000outcome:${e.outcome}`));
  return lintParsed(partial.flow, resolveProcess).diagnostics.filter((d) => {
    if (d.code === 'unreachable-node') return partial.brokenNodes.size === 0;
    if (d.code === 'dead-end') return !dropped.has(`${d.nodeId}\u0000${d.field}`);
    if (d.code === 'global-word-target') return !partial.flow.process.globalWords.some((w) => partial.brokenNodes.has(w.target) && d.message.includes(`"${w.target}"`));
    return true;
  });
}

/**
 * A resolver that only ever returns schema-valid flows (memoised by key): callees come from
 * other files or the database and may be as broken as any input. `problems` keeps why a key
 * that exists could not be used.
 */
export function safeResolver(resolveProcess: ResolveProcess | undefined): {
  resolve: ResolveProcess;
  problems: (key: string, version: CalleeVersion) => Diagnostic[] | undefined;
} {
  const flows = new Map<string, FlowGraph | undefined>();
  const problems = new Map<string, Diagnostic[]>();
  const resolve = (key: string, version: CalleeVersion = 'published'): FlowGraph | undefined => {
    const id = `${version}:${key}`;
    if (flows.has(id)) return flows.get(id);
    let raw: unknown;
    try {
      raw = resolveProcess?.(key, version);
    } catch {
      raw = undefined;
    }
    let flow: FlowGraph | undefined;
    if (raw !== undefined) {
      const parsed = parseFlow(raw);
      if (parsed.ok) flow = parsed.flow;
      else problems.set(id, parsed.diagnostics);
    }
    flows.set(id, flow);
    return flow;
  };
  return { resolve, problems: (key, version) => (resolve(key, version), problems.get(`${version}:${key}`)) };
}

/**
 * Lints a schema-valid flow. Callees are linted once each (memoised by key) with the call
 * stack that reached them; recursion is found by `findCallCycle` before a callee is linted.
 */
export function lintParsed(
  flow: FlowGraph,
  resolveProcess?: ResolveProcess,
): { diagnostics: Diagnostic[]; index: GraphIndex; resolve: ResolveProcess; indexes: ReadonlyMap<FlowGraph, GraphIndex> } {
  const { resolve, problems } = safeResolver(resolveProcess);
  const memo = new Map<string, Diagnostic[] | undefined>();
  // Each linted graph's index (the flow's and every callee's): the compiler reuses them instead
  // of indexing the same nodes and edges again.
  const indexes = new Map<FlowGraph, GraphIndex>();
  const run = (target: FlowGraph, stack: readonly string[]): { diagnostics: Diagnostic[]; index: GraphIndex } => {
    const lintCallee = (key: string, version: CalleeVersion): Diagnostic[] | undefined => {
      const id = `${version}:${key}`;
      if (memo.has(id)) return memo.get(id);
      memo.set(id, undefined);
      const callee = resolve(key, version);
      const result = callee ? run(callee, [...stack, key]).diagnostics : problems(key, version);
      memo.set(id, result);
      return result;
    };
    const ctx = new LintContext(target, resolve, lintCallee, stack);
    const index = lintGraph(ctx);
    indexes.set(target, index);
    for (const node of index.nodes.values()) {
      kindOf(node.kind).lint(node as NodeOfKind<typeof node.kind>, ctx);
    }
    return { diagnostics: ctx.diagnostics, index };
  };
  return { ...run(flow, [flow.process.key]), resolve, indexes };
}
