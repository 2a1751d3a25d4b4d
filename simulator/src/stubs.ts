/**
 * The stub matcher: WMS answers per request node (by state id = node id), in order, the last
 * one repeating; checked against the machine so a stub for anything but a request node is a
 * clear error instead of a silently unused answer.
 */
import type { JsonValue, LoadedMachine } from '@voiceman/runtime';
import type { StubAnswer, WmsStubs } from './types.js';

export class StubError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StubError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** An hour: a longer stub delay is a typo, and on the real clock it would hold a session. */
export const MAX_STUB_DELAY_MS = 3_600_000;

function answerProblem(a: unknown): string | null {
  if (!isObject(a)) return 'an answer must be an object';
  if ('timeout' in a) return a.timeout === true ? null : '"timeout" must be true';
  if ('networkError' in a) return typeof a.networkError === 'string' ? null : '"networkError" must be a message string';
  if (!Number.isInteger(a.status) || (a.status as number) < 100 || (a.status as number) > 599) return 'needs "status" (an HTTP status 100-599), "timeout": true or "networkError"';
  if (a.delayMs !== undefined && !(typeof a.delayMs === 'number' && a.delayMs >= 0 && a.delayMs <= MAX_STUB_DELAY_MS)) return `"delayMs" must be 0-${MAX_STUB_DELAY_MS}`;
  if (a.headers !== undefined && !(isObject(a.headers) && Object.values(a.headers).every((v) => typeof v === 'string'))) return '"headers" must map names to strings';
  return null;
}

/** Every problem of `stubs` for `machine`, one message each (empty: usable). */
export function stubProblems(machine: LoadedMachine, stubs: unknown): string[] {
  if (stubs === undefined) return [];
  if (!isObject(stubs)) return ['stubs must map request node ids to lists of answers'];
  const problems: string[] = [];
  for (const [nodeId, answers] of Object.entries(stubs)) {
    const state = Object.hasOwn(machine.states, nodeId) ? machine.states[nodeId] : undefined;
    if (!state) problems.push(`stub for "${nodeId}": the process has no node with this id`);
    else if (state.waitsOn !== 'request') problems.push(`stub for "${nodeId}": it is a node of kind "${state.json.meta?.vm?.kind ?? '?'}", not a request node`);
    if (!Array.isArray(answers) || answers.length === 0) {
      problems.push(`stub for "${nodeId}": needs a non-empty list of answers`);
      continue;
    }
    answers.forEach((a, i) => {
      const problem = answerProblem(a);
      if (problem) problems.push(`stub for "${nodeId}", answer ${i + 1}: ${problem}`);
    });
  }
  return problems;
}

/** Throws a `StubError` naming every problem. */
export function checkStubs(machine: LoadedMachine, stubs: unknown): asserts stubs is WmsStubs | undefined {
  const problems = stubProblems(machine, stubs);
  if (problems.length) throw new StubError(problems.join('; '));
}

/** Hands out each node's answers in order; `counters` snapshot and restore it (step back). */
export class StubMatcher {
  private used: Record<string, number> = {};

  constructor(private readonly stubs: WmsStubs = {}) {}

  /** The next answer for request node `stateId`, or `undefined` when it has no stub. */
  next(stateId: string | null): StubAnswer | undefined {
    if (stateId === null || !Object.hasOwn(this.stubs, stateId)) return undefined;
    const answers = this.stubs[stateId]!;
    const n = this.used[stateId] ?? 0;
    this.used[stateId] = n + 1;
    return answers[Math.min(n, answers.length - 1)];
  }

  counters(): Record<string, number> {
    return { ...this.used };
  }

  restore(counters: Record<string, number>): void {
    this.used = { ...counters };
  }
}

/** The response a status answer stands for (JSON content type unless its headers say otherwise). */
export function stubResponse(a: Extract<StubAnswer, { status: number }>): { status: number; headers: Record<string, string>; body: JsonValue } {
  return { status: a.status, headers: a.headers ?? { 'content-type': 'application/json' }, body: a.body ?? null };
}
