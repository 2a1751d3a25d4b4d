/**
 * `@voiceman/simulator/compile`: a simulation straight from a flow (a draft), compiled with the
 * real compiler. A separate entry so the core stays free of the compiler.
 */
import { compileFlow, type CompileOptions } from '@voiceman/compiler';
import { loadMachine, type LoadedMachine } from '@voiceman/runtime';

export class FlowCompileError extends Error {
  constructor(readonly diagnostics: { message: string }[]) {
    super(`the flow does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
    this.name = 'FlowCompileError';
  }
}

/** Compiles and loads `flow`; throws `FlowCompileError` with the compiler's diagnostics. */
export function machineFromFlow(flow: unknown, options: CompileOptions = {}): LoadedMachine {
  const result = compileFlow(flow, options);
  if (!result.ok || !result.machine) throw new FlowCompileError(result.diagnostics.filter((d) => d.severity === 'error'));
  return loadMachine(result.machine);
}
