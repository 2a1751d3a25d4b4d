import { compileFlow, hasErrors as compilerHasErrors, type CalleeVersion, type CompileResult, type FlowGraph, type ReferenceData } from '@voiceman/compiler';
import type { ProcessesRepository } from './repositories/processes.js';
import type { ReferenceRepository } from './repositories/reference.js';
import type { VersionsRepository } from './repositories/versions.js';

export type { CompileResult };
/** The shared compiler's entry point (a parameter so seeding and routes use one instance). */
export type CompileFlow = typeof compileFlow;

/** Where a compile finds callees and reference tables. */
export interface CompileSources {
  processes: ProcessesRepository;
  versions: VersionsRepository;
  reference: ReferenceRepository;
}

/** A published version a compile inlined (stored with the new version). */
export interface CalleeRef {
  processKey: string;
  number: number;
}

export interface DraftCompile extends CompileResult {
  /** Published callee versions the machine inlines, sorted by key. */
  callees: CalleeRef[];
  /** Processes a subflow asks for in their published form that have no version yet. */
  unpublished: string[];
}

interface SubflowCall {
  key: string;
  version: CalleeVersion;
}

function subflowCalls(graph: unknown): SubflowCall[] {
  const nodes = (graph as { nodes?: unknown })?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((n) => {
    const node = n as { kind?: unknown; data?: { processKey?: unknown; version?: unknown } };
    if (node.kind !== 'subflow' || typeof node.data?.processKey !== 'string') return [];
    // Same default as the compiler's `versionOf`: a subflow runs its callee's published version.
    return [{ key: node.data.processKey, version: node.data.version === 'draft' ? 'draft' : 'published' }];
  });
}

function referenceTables(graph: unknown): string[] {
  const tables = (graph as { process?: { referenceTables?: unknown } })?.process?.referenceTables;
  return Array.isArray(tables) ? tables.filter((t): t is string => typeof t === 'string') : [];
}

/** Everything one compile needs, as plain data (it crosses to a worker thread). */
export interface CompileInput {
  graph: unknown;
  /** `${version}:${key}` → the callee's graph (undefined: not found). */
  callees: [string, FlowGraph | undefined][];
  referenceData: ReferenceData;
}

/** Runs the compiler on gathered input: in the worker (./compile-worker.ts) or in place. */
export function compileInput(compile: CompileFlow, input: CompileInput): CompileResult {
  const resolved = new Map(input.callees);
  return compile(input.graph, { resolveProcess: (key, version = 'published') => resolved.get(`${version}:${key}`), referenceData: input.referenceData });
}

/** Compiles off the event loop (./compile-pool.ts); seeding passes the compiler itself instead. */
export interface CompileRunner {
  run(input: CompileInput): Promise<CompileResult>;
}

/**
 * Compiles a draft on the server (never trusting a client's machine JSON). A subflow resolves
 * by its node's `version`: `published` (default) → the callee's latest version, `draft` → its
 * current draft. Callees are loaded up front (transitively, each with its own choices) because
 * the compiler's resolver is synchronous. The latest revision of every reference table the
 * process or a callee lists is passed along, so the version freezes it. `compile` is the
 * compiler itself (run in place, on this thread) or a runner (the worker pool).
 */
export async function compileDraft(compile: CompileFlow | CompileRunner, sources: CompileSources, graph: unknown): Promise<DraftCompile> {
  const resolved = new Map<string, FlowGraph | undefined>();
  const callees = new Map<string, number>();
  const unpublished = new Set<string>();
  const tables = new Set(referenceTables(graph));
  const queue = subflowCalls(graph);
  while (queue.length > 0) {
    const call = queue.shift()!;
    const id = `${call.version}:${call.key}`;
    if (resolved.has(id)) continue;
    let callee: unknown;
    if (call.version === 'draft') {
      callee = (await sources.processes.get(call.key))?.graph;
    } else {
      const latest = await sources.versions.latest(call.key);
      if (latest) {
        callee = latest.graph;
        callees.set(call.key, latest.number);
      } else if (await sources.processes.get(call.key)) {
        unpublished.add(call.key);
      }
    }
    resolved.set(id, callee as FlowGraph | undefined);
    if (callee) {
      for (const next of subflowCalls(callee)) queue.push(next);
      for (const t of referenceTables(callee)) tables.add(t);
    }
  }
  const referenceData: ReferenceData = {};
  for (const name of tables) {
    const table = await sources.reference.find(name);
    if (table) referenceData[name] = { revision: table.revision, rows: table.rows };
  }
  const input: CompileInput = { graph, callees: [...resolved], referenceData };
  const result = typeof compile === 'function' ? compileInput(compile, input) : await compile.run(input);
  return {
    ...result,
    callees: [...callees].map(([processKey, number]) => ({ processKey, number })).sort((a, b) => a.processKey.localeCompare(b.processKey)),
    unpublished: [...unpublished].sort(),
  };
}

export const hasErrors = (r: CompileResult) => !r.ok || compilerHasErrors(r.diagnostics);
