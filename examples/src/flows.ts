/**
 * The example flows, imported as JSON modules: vitest (from src/), Node (from dist/, where the
 * build copies flows/*.json beside the code) and bundlers all resolve them without fs paths.
 */
import type { FlowGraph } from '@voiceman/compiler';
import signOn from '../flows/sign-on.flow.json' with { type: 'json' };
import casePicking from '../flows/case-picking.flow.json' with { type: 'json' };
import putaway from '../flows/putaway.flow.json' with { type: 'json' };
import replenishment from '../flows/replenishment.flow.json' with { type: 'json' };
import cycleCount from '../flows/cycle-count.flow.json' with { type: 'json' };

const files: unknown[] = [signOn, casePicking, putaway, replenishment, cycleCount];

/** Example process keys, sign-on (the subflow the others call) first. */
export const exampleKeys = ['sign-on', 'case-picking', 'putaway', 'replenishment', 'cycle-count'] as const;
export type ExampleKey = (typeof exampleKeys)[number];

/**
 * Every example flow, as fresh copies (callers may edit them). The JSON is the compiler's flow
 * format; the tests compile each one, so the cast here is checked there, not trusted.
 */
export function exampleFlows(): FlowGraph[] {
  return files.map((file) => structuredClone(file) as FlowGraph);
}

/** One example flow by process key. */
export function exampleFlow(key: ExampleKey): FlowGraph {
  const flow = exampleFlows().find((f) => f.process.key === key);
  if (!flow) throw new Error(`no example flow "${key}"`);
  return flow;
}

/** For `compileFlow(..., { resolveProcess })`: subflows resolve among the examples. */
export function resolveExampleProcess(key: string): FlowGraph | undefined {
  return exampleFlows().find((f) => f.process.key === key);
}
