import type { ProcessesRepository } from './repositories/processes.js';

/** What the server needs of `@voiceman/compiler` (its `compileFlow`). */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info' | string;
  message: string;
  [key: string]: unknown;
}
export interface CompileResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  machine?: unknown;
  canonical?: string;
  hash?: string;
}
export type CompileFlow = (
  input: unknown,
  options: { resolveProcess: (key: string) => unknown | undefined },
) => CompileResult | Promise<CompileResult>;

/** Loaded on first use so the server starts (and most routes work) while the compiler is built. */
export async function loadCompiler(): Promise<CompileFlow> {
  // Through a variable: typed locally (CompileFlow) so the server builds while the compiler package is built alongside.
  const name = '@voiceman/compiler';
  const mod = (await import(name)) as { compileFlow?: CompileFlow };
  if (typeof mod.compileFlow !== 'function') throw new Error('@voiceman/compiler does not export compileFlow');
  return mod.compileFlow;
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
 * Compiles a draft on the server. Subflows resolve to the latest draft of the called process
 * at this moment; they are loaded up front (transitively) so the resolver can be synchronous.
 */
export async function compileDraft(compile: CompileFlow, processes: ProcessesRepository, graph: unknown): Promise<CompileResult> {
  const callees = new Map<string, unknown>();
  const queue = subflowKeys(graph);
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (callees.has(key)) continue;
    const draft = await processes.get(key);
    callees.set(key, draft?.graph);
    if (draft) queue.push(...subflowKeys(draft.graph));
  }
  return compile(graph, { resolveProcess: (key) => callees.get(key) ?? undefined });
}

export const hasErrors = (r: CompileResult) => !r.ok || r.diagnostics.some((d) => d.severity === 'error');
