/**
 * Which machine `formatVersion` a compiled machine declares. A machine is version 1 unless it
 * uses a feature of format version 2 (docs/machine-format.md, "Format version 2 (2026-12)"):
 * old flows keep compiling to the same bytes, and a terminal that only knows version 1 refuses
 * a machine it could not run instead of running it wrong.
 *
 * One predicate per feature, each one line over the machine JSON; a new feature adds its own.
 * A feature an older runtime ignores harmlessly is not one (a final state's `meta.vm.outcome`:
 * meta is open, the older runtime only leaves the outcome out of its result).
 */
import type { ActionJson, MachineJson, StateJson, TransitionJson } from '@voiceman/runtime';

/** The newest machine format this compiler writes (and the runtime accepts). */
export const MACHINE_FORMAT_VERSION = 2;

/** Every state of the machine, nested (inlined subflow) states included. */
export function* allStates(states: Record<string, StateJson>): Generator<StateJson> {
  for (const key in states) {
    const state = states[key]!;
    yield state;
    if (state.states) yield* allStates(state.states);
  }
}

const asList = (t: TransitionJson | TransitionJson[] | undefined): TransitionJson[] => (t === undefined ? [] : Array.isArray(t) ? t : [t]);

/** Every action of the machine: entry, exit and transition actions of every state and the root. */
export function* allActions(machine: MachineJson): Generator<ActionJson> {
  const ofTransitions = function* (on: Record<string, TransitionJson | TransitionJson[]> | undefined) {
    for (const event in on ?? {}) for (const t of asList(on![event])) yield* t.actions ?? [];
  };
  yield* ofTransitions(machine.on);
  for (const state of allStates(machine.states)) {
    yield* state.entry ?? [];
    yield* state.exit ?? [];
    yield* ofTransitions(state.on);
    for (const t of [...asList(state.always), ...asList(state.onDone)]) yield* t.actions ?? [];
  }
}

/** Whether any state handles an event whose name passes `test`. */
export const handlesEvent = (machine: MachineJson, test: (event: string) => boolean): boolean =>
  [...allStates(machine.states)].some((s) => Object.keys(s.on ?? {}).some(test));

/** Whether some action's params pass `test`. */
const someParams = (machine: MachineJson, type: ActionJson['type'], test: (params: Record<string, unknown>) => boolean): boolean =>
  [...allActions(machine)].some((a) => a.type === type && test(a.params as unknown as Record<string, unknown>));

/** Params that hold a whole CEL expression; every other string is text with `{{ cel }}` placeholders. */
const CEL_KEYS = new Set(['expr', 'body', 'minExpr', 'maxExpr']);

/** Whether a CEL expression or placeholder anywhere under `value` calls `name(…)`. */
export function usesCelFunction(value: unknown, name: string, key = ''): boolean {
  const call = new RegExp(`(^|[^\\w.])${name}\\s*\\(`);
  const walk = (v: unknown, k: string): boolean => {
    if (typeof v === 'string') {
      if (CEL_KEYS.has(k)) return call.test(v);
      for (const [, inner] of v.matchAll(/\{\{([\s\S]*?)\}\}/g)) if (call.test(inner!)) return true;
      return false;
    }
    if (Array.isArray(v)) return v.some((x) => walk(x, k));
    if (v !== null && typeof v === 'object') return Object.entries(v).some(([ck, cv]) => walk(cv, ck));
    return false;
  };
  return walk(value, key);
}

/** The features of format version 2, by name (the name is for docs and test messages). */
export const VERSION_2_FEATURES: Record<string, (machine: MachineJson) => boolean> = {
  // lang-flow: a request that retries on HTTP statuses or sets its own backoff.
  requestRetryPolicy: (m) => someParams(m, 'vm.request', (p) => p.retryStatuses !== undefined || p.backoff !== undefined),
  // lang-flow: request outcomes by status class (REQUEST.notFound, REQUEST.serverError, ...).
  requestStatusClasses: (m) => handlesEvent(m, (e) => e.startsWith('REQUEST.') && e !== 'REQUEST.OK' && e !== 'REQUEST.ERROR'),
  // lang-flow: plural() in a CEL expression or template (an older runtime does not know it).
  pluralFunction: (m) => usesCelFunction(m.states, 'plural'),
  // lang-ask: checked answers, a conditional read-back, a confidence band, barge-in switched off.
  askRound2: (m) =>
    m.meta.vm.settings.confirmBelow !== undefined ||
    someParams(m, 'vm.ask', (p) => p.check !== undefined || (p.confirm as { condition?: unknown } | undefined)?.condition !== undefined || p.confirmBelow !== undefined || p.bargeIn !== undefined),
  // lang-words: a GET request marked as a WMS write (back up stops before it).
  writeMark: (m) => someParams(m, 'vm.request', (p) => p.write === true),
  // lang-words: built-in words switched off or given other phrases.
  builtinWords: (m) => m.meta.vm.builtinWords !== undefined,
  // lang-words: words that answer in place in one ask.
  askWords: (m) => someParams(m, 'vm.ask', (p) => p.words !== undefined),
};

/** 2 when the machine uses any feature of format version 2, else 1. */
export function machineFormatVersion(machine: MachineJson): 1 | 2 {
  return Object.values(VERSION_2_FEATURES).some((uses) => uses(machine)) ? 2 : 1;
}
