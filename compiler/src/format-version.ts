/**
 * Which machine `formatVersion` a compiled machine declares. A machine is version 1 unless it
 * uses a feature of format version 2 (docs/machine-format.md, "Format version 2 (2026-12)"):
 * old flows keep compiling to the same bytes, and a terminal that only knows version 1 refuses
 * a machine it could not run instead of running it wrong.
 *
 * One entry per feature, each one line: what it looks at (the whole machine, an event a state
 * handles, an action's params, a CEL function called) and the test. A new feature adds its own.
 * All of them are answered by one walk over the machine (`featuresOf`): at 10,000 states the
 * earlier walk per predicate (generators, `Object.entries` and a `matchAll` per string) was a
 * sixth of a compile's time and two fifths of its garbage.
 * A feature an older runtime ignores harmlessly is not one (a final state's `meta.vm.outcome`:
 * meta is open, the older runtime only leaves the outcome out of its result).
 */
import type { ActionJson, MachineJson, StateJson, TransitionJson } from '@voiceman/runtime';

/** The newest machine format this compiler writes (and the runtime accepts). */
export const MACHINE_FORMAT_VERSION = 2;

type Params = Record<string, unknown>;

/** What a feature looks at; a feature is used when any of its tests passes anywhere. */
interface Feature {
  /** The machine as a whole (its settings, its declared words). */
  machine?: (m: MachineJson) => boolean;
  /** The name of an event some state handles (`on`; the machine's own `on` is not a state's). */
  event?: (event: string) => boolean;
  /** An action of `type` (entry, exit, or a transition's, the machine's own `on` included) whose params pass `test`. */
  action?: { type: ActionJson['type']; test: (params: Params) => boolean };
  /** A CEL function called (`name(`) in an expression or `{{ }}` placeholder anywhere in the states. */
  celFunction?: string;
}

/** The features of format version 2, by name (the name is for docs and test messages). */
const FEATURES: Record<string, Feature> = {
  // lang-flow: a request that retries on HTTP statuses or sets its own backoff.
  requestRetryPolicy: { action: { type: 'vm.request', test: (p) => p.retryStatuses !== undefined || p.backoff !== undefined } },
  // lang-flow: request outcomes by status class (REQUEST.notFound, REQUEST.serverError, ...).
  requestStatusClasses: { event: (e) => e.startsWith('REQUEST.') && e !== 'REQUEST.OK' && e !== 'REQUEST.ERROR' },
  // lang-flow: plural() in a CEL expression or template (an older runtime does not know it).
  pluralFunction: { celFunction: 'plural' },
  // lang-ask: checked answers, a conditional read-back, a confidence band, barge-in switched off.
  askRound2: {
    machine: (m) => m.meta.vm.settings.confirmBelow !== undefined,
    action: { type: 'vm.ask', test: (p) => p.check !== undefined || (p.confirm as { condition?: unknown } | undefined)?.condition !== undefined || p.confirmBelow !== undefined || p.bargeIn !== undefined },
  },
  // lang-words: a GET request marked as a WMS write (back up stops before it).
  writeMark: { action: { type: 'vm.request', test: (p) => p.write === true } },
  // lang-words: built-in words switched off or given other phrases.
  builtinWords: { machine: (m) => m.meta.vm.builtinWords !== undefined },
  // lang-words: words that answer in place in one ask.
  askWords: { action: { type: 'vm.ask', test: (p) => p.words !== undefined } },
};

/** Each feature of format version 2 as a predicate over a machine, by name. */
export const VERSION_2_FEATURES: Record<string, (machine: MachineJson) => boolean> = Object.fromEntries(
  Object.keys(FEATURES).map((name) => [name, (machine: MachineJson) => featuresOf(machine, [name]).size > 0]),
);

/** 2 when the machine uses any feature of format version 2, else 1. */
export function machineFormatVersion(machine: MachineJson): 1 | 2 {
  return featuresOf(machine, Object.keys(FEATURES), true).size > 0 ? 2 : 1;
}

/** Params that hold a whole CEL expression; every other string is text with `{{ cel }}` placeholders. */
const CEL_KEYS = new Set(['expr', 'body', 'minExpr', 'maxExpr']);
const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;
const callPatterns = new Map<string, RegExp>();
const callPattern = (name: string): RegExp => {
  let re = callPatterns.get(name);
  if (!re) callPatterns.set(name, (re = new RegExp(`(^|[^\\w.])${name}\\s*\\(`)));
  return re;
};

/** Whether the string `value` (found under `key`) calls `name(…)`: whole-expression keys, or any `{{ }}` placeholder. */
function callsIn(value: string, key: string, name: string): boolean {
  if (!value.includes(name)) return false; // most strings: no regex, no match objects
  const call = callPattern(name);
  if (CEL_KEYS.has(key)) return call.test(value);
  for (const [, inner] of value.matchAll(PLACEHOLDER)) if (call.test(inner!)) return true;
  return false;
}

/**
 * The names among `names` of the features `machine` uses, in one walk: each state once, each of
 * its actions once, each string once. `first`: stop at the first one found.
 */
export function featuresOf(machine: MachineJson, names: readonly string[], first = false): Set<string> {
  const found = new Set<string>();
  const machineTests: [string, NonNullable<Feature['machine']>][] = [];
  const eventTests: [string, NonNullable<Feature['event']>][] = [];
  const actionTests: [string, NonNullable<Feature['action']>][] = [];
  const celFunctions: [string, string][] = [];
  for (const name of names) {
    const f = FEATURES[name];
    if (!f) continue;
    if (f.machine) machineTests.push([name, f.machine]);
    if (f.event) eventTests.push([name, f.event]);
    if (f.action) actionTests.push([name, f.action]);
    if (f.celFunction) celFunctions.push([name, f.celFunction]);
  }
  const done = () => first && found.size > 0;

  for (const [name, test] of machineTests) if (test(machine)) found.add(name);
  if (done()) return found;

  const actions = (list: readonly ActionJson[] | undefined) => {
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (const [name, { type, test }] of actionTests) if (a.type === type && test(a.params as unknown as Params)) found.add(name);
    }
  };
  const transitions = (t: TransitionJson | TransitionJson[] | undefined) => {
    if (t === undefined) return;
    if (Array.isArray(t)) for (let i = 0; i < t.length; i++) actions(t[i]!.actions);
    else actions(t.actions);
  };
  // Strings under a state, keyed as the nearest object key above them (arrays pass it on).
  const strings = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      for (const [name, fn] of celFunctions) if (!found.has(name) && callsIn(v, key, fn)) found.add(name);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) strings(v[i], key);
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) strings((v as Record<string, unknown>)[k], k);
    }
  };
  const state = (s: StateJson): void => {
    if (eventTests.length > 0 && s.on) for (const event in s.on) for (const [name, test] of eventTests) if (test(event)) found.add(name);
    if (actionTests.length > 0) {
      actions(s.entry);
      actions(s.exit);
      if (s.on) for (const event in s.on) transitions(s.on[event]);
      transitions(s.always);
      transitions(s.onDone);
    }
    if (celFunctions.length > 0) for (const k in s) if (k !== 'states') strings((s as unknown as Record<string, unknown>)[k], k);
    if (s.states) for (const key in s.states) if (!done()) state(s.states[key]!);
  };

  if (actionTests.length > 0 && machine.on) for (const event in machine.on) transitions(machine.on[event]);
  for (const key in machine.states) {
    if (done()) break;
    state(machine.states[key]!);
  }
  return found;
}
