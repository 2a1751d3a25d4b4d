import { compileFlow, hasErrors as compilerHasErrors, type CompileResult, type FlowGraph } from '@voiceman/compiler';
import type { ProcessesRepository } from './repositories/processes.js';

export type { CompileResult };
/** The shared compiler's entry point (a parameter so seeding and routes use one instance). */
export type CompileFlow = typeof compileFlow;

export async function loadCompiler(): Promise<CompileFlow> {
  return compileFlow;
}

function subflowKeys(graph: unknown): string[] {
  const nodes = (graph as { nodes?: unknown })?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((n) => {
    const node = n as { kind?: unknown; data?: { processKey?: unknown } };
    return node.kind === 'subflow' && typeof node.data?.processKey === 'string' ? [node.data.processKey] : [];
  });
}

/**
 * Compiles a draft on the server (never trusting a client's machine JSON). Subflows resolve to
 * the latest draft of the called process at this moment; they are loaded up front
 * (transitively) because the compiler's resolver is synchronous.
 */
export async function compileDraft(compile: CompileFlow, processes: ProcessesRepository, graph: unknown): Promise<CompileResult> {
  const callees = new Map<string, FlowGraph | undefined>();
  const queue = subflowKeys(graph);
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (callees.has(key)) continue;
    const draft = await processes.get(key);
    callees.set(key, draft?.graph as FlowGraph | undefined);
    if (draft) queue.push(...subflowKeys(draft.graph));
  }
  return compile(graph, { resolveProcess: (key) => callees.get(key) });
}

export const hasErrors = (r: CompileResult) => !r.ok || compilerHasErrors(r.diagnostics);
