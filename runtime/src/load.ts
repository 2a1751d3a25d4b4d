/**
 * `loadMachine`: schema check, then a walk over every state that checks ids, targets, scopes,
 * events, actions and guards (each through its registry) and prepares them once. The result
 * carries an XState machine whose action/guard params are the prepared objects.
 */
import { depthProblem } from './json-depth.js';
import { CEL_RESERVED_WORDS } from './cel.js';
import { assign as xassign, setup, type AnyStateMachine } from 'xstate';
import type { ActionJson, GuardJson, MachineJson, MachineMeta, StateJson, TransitionJson } from './format.js';
import { ANSWER_PREFIX, GLOBAL_PREFIX, MAX_FORMAT_VERSION, REQUEST_ERROR_CLASSES, REQUEST_PREFIX } from './format.js';
import { actionRegistry, isActionType } from './actions/registry.js';
import type { ActionArgs } from './actions/types.js';
import { askEvents, type PreparedAsk } from './actions/ask.js';
import { guardRegistry, isGuardType } from './guards/registry.js';
import type { PreparedCelGuard } from './guards/cel.js';
import { addIssue, buildScopes, type MachineIssue, type PrepareContext, type ScopeRuntime } from './prepare.js';
import { schemaIssues } from './schema.js';
import { typeMismatch, zeroValue, type DialogContext } from './context.js';
import { deliverJob, enteredHook, STEP_ACTION, stepActions, type JobSink, type StepTransition } from './job-sink.js';

export type { MachineIssue };

export class MachineValidationError extends Error {
  constructor(readonly issues: MachineIssue[]) {
    const lines = issues.slice(0, 20).map((i) => `  - ${i.stateId ? `state "${i.stateId}"` : 'machine'}${i.field ? `, ${i.field}` : ''}: ${i.message} (at ${i.path || '/'})`);
    const more = issues.length > 20 ? `\n  ... and ${issues.length - 20} more` : '';
    super(`invalid machine: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}${more}`);
    this.name = 'MachineValidationError';
  }
}

export interface StateInfo {
  id: string;
  path: string;
  json: StateJson;
  parentId: string | null;
  /** The effect the state waits on, if any. */
  waitsOn: 'ask' | 'request' | null;
}

export interface LoadedMachine {
  readonly json: MachineJson;
  readonly meta: MachineMeta;
  /** XState machine with every implementation except the effect sink (bound per dialog). */
  readonly machine: AnyStateMachine;
  readonly states: Record<string, StateInfo>;
  readonly asks: Record<string, PreparedAsk>;
  readonly scopes: Record<string, ScopeRuntime>;
}

export type { JobSink };

/** Names CEL already gives a meaning in every expression: a variable would shadow them. */
export const RESERVED_VARIABLES = ['event', 'session', 'ref'] as const;
const MAX_MICROSTEPS = 10_000;

function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

interface Walk {
  json: MachineJson;
  issues: MachineIssue[];
  scopes: Record<string, ScopeRuntime>;
  states: Record<string, StateInfo>;
  /** `#<id>` → the state: transition targets are looked up as written (no slice per target). */
  targets: Map<string, StateInfo>;
  asks: Record<string, PreparedAsk>;
  languages: MachineMeta['languages'];
  globalNames: Set<string>;
  /** Names of words heard in one ask only (`vm.ask` params `words`). */
  askWordNames: Set<string>;
  /** Per state id (and '' for the root): the ask outcomes and requests in that subtree, i.e. what can reach its `on`. */
  reach: Map<string, Reach>;
}

interface Reach {
  /** An entry action of unknown type (already reported) may send anything: no event checks. */
  unknown: boolean;
  outcomes: Set<string>;
  asks: boolean;
  /** An ask with a checked answer (it can send `WRONG`). */
  checks: boolean;
  requests: boolean;
}

function ctxFor(w: Walk, path: string, stateId: string | undefined, defaultScope: string): PrepareContext {
  const ctx: PrepareContext = { languages: w.languages, scopes: w.scopes, issues: w.issues, path, defaultScope };
  if (stateId !== undefined) ctx.stateId = stateId;
  return ctx;
}

function prepareAction(w: Walk, action: ActionJson, path: string, stateId: string | undefined, scope: string): unknown {
  const ctx = ctxFor(w, path, stateId, scope);
  if (!isActionType(action.type)) {
    addIssue(ctx, 'type', `unknown action "${String(action.type)}" (known: ${Object.keys(actionRegistry).join(', ')})`, '/type');
    return null;
  }
  ctx.path = `${path}/params`;
  const def = actionRegistry[action.type];
  const prepared = def.prepare(action.params as never, ctx);
  return prepared === null ? null : { type: action.type, params: prepared };
}

function prepareActions(w: Walk, actions: ActionJson[] | undefined, path: string, stateId: string | undefined, scope: string): unknown[] | undefined {
  if (!actions) return undefined;
  return actions.map((a, i) => prepareAction(w, a, `${path}/${i}`, stateId, scope));
}

function prepareGuard(w: Walk, guard: GuardJson, path: string, stateId: string | undefined, scope: string): unknown {
  const ctx = ctxFor(w, path, stateId, scope);
  if (!isGuardType(guard.type)) {
    addIssue(ctx, 'guard', `unknown guard "${String(guard.type)}" (known: ${Object.keys(guardRegistry).join(', ')})`, '/type');
    return null;
  }
  ctx.path = `${path}/params`;
  const prepared = guardRegistry[guard.type].prepare(guard.params, ctx);
  return prepared === null ? null : { type: guard.type, params: prepared };
}

function prepareTransitions(w: Walk, t: TransitionJson | TransitionJson[] | undefined, path: string, stateId: string | undefined, scope: string, field: string): unknown {
  if (t === undefined) return undefined;
  const list = asArray(t);
  const out = list.map((tr, i) => {
    const at = Array.isArray(t) ? `${path}/${i}` : path;
    // Contexts are made only for issues: a valid machine (the common case) allocates none here.
    if (tr.target !== undefined) {
      const target = w.targets.get(tr.target);
      if (!target) {
        addIssue(ctxFor(w, at, stateId, scope), field, `target "${tr.target}" is not the id of any state (write "#<stateId>")`, '/target');
      }
      if (stateId !== undefined && target?.id === stateId && field !== 'always' && tr.reenter !== true && (target.json.entry?.length ?? 0) > 0) {
        addIssue(ctxFor(w, at, stateId, scope), field, `transition back to its own state "${stateId}" needs "reenter": true, or its entry actions would not run again`, '/reenter');
      }
    }
    const guard = tr.guard ? prepareGuard(w, tr.guard, `${at}/guard`, stateId, scope) : undefined;
    const actions = tr.actions ? prepareActions(w, tr.actions, `${at}/actions`, stateId, scope)! : [];
    // The step hook (job-sink.ts), only where the entered hook cannot tell the step alone: an
    // eventless transition, and a targetless one with actions (its microstep enters nothing). An
    // inert transition (no target, no actions) stays inert, so `snapshot.can` still refuses it.
    if (field === 'always' || (tr.target === undefined && actions.length > 0)) {
      const step: StepTransition = { eventless: field === 'always', targetless: tr.target === undefined };
      actions.push({ type: STEP_ACTION, params: step });
    }
    // Every key xstate's `formatTransition` writes, present from the start (undefined when
    // unused), in one shape: it copies the config with a spread and then sets these keys, and
    // in V8 a spread followed by keys the copy lacks takes a slow path (measured: createMachine
    // of the 500-state bench machine 18.7 -> 8.0 ms). Undefined keys change nothing for xstate.
    return {
      target: tr.target,
      reenter: tr.reenter,
      guard,
      actions: actions.length > 0 ? actions : undefined,
      description: tr.description,
      source: undefined,
      eventType: undefined,
      toJSON: undefined,
    };
  });
  return Array.isArray(t) ? out : out[0];
}

/** Whether `event` can ever be sent while the state (or, for the root, the machine) is active. */
function checkEventName(w: Walk, event: string, onPath: string, stateId: string | undefined, scope: string): void {
  // The context (and the event's path) only for an issue: a valid machine builds none.
  const issueAt = () => ctxFor(w, `${onPath}/${event}`, stateId, scope);
  const reach = w.reach.get(stateId ?? '')!;
  const where = () => (stateId === undefined ? 'the machine' : `"${stateId}"`);
  const requestEvent = event === 'REQUEST.OK' || event === 'REQUEST.ERROR' || isRequestClassEvent(event);
  const known = event.startsWith(ANSWER_PREFIX) || event === 'NOINPUT' || event === 'NOMATCH' || event === 'WRONG' || requestEvent;
  if (known && reach.unknown) return;
  if (event.startsWith(ANSWER_PREFIX)) {
    const name = event.slice(ANSWER_PREFIX.length);
    if (!reach.outcomes.has(name)) {
      const known = reach.outcomes.size ? ` (outcomes: ${[...reach.outcomes].join(', ')})` : '';
      addIssue(issueAt(), 'on', `"${event}" can never arrive here: no ask in ${where()} has an outcome "${name}"${known}`);
    }
    return;
  }
  if (event === 'NOINPUT' || event === 'NOMATCH') {
    if (!reach.asks) addIssue(issueAt(), 'on', `"${event}" can never arrive here: no ask in ${where()}`);
    return;
  }
  if (event === 'WRONG') {
    if (!reach.checks) addIssue(issueAt(), 'on', `"${event}" can never arrive here: no ask with a check in ${where()}`);
    return;
  }
  if (requestEvent) {
    if (!reach.requests) addIssue(issueAt(), 'on', `"${event}" can never arrive here: no request in ${where()}`);
    return;
  }
  if (event.startsWith(GLOBAL_PREFIX)) {
    const name = event.slice(GLOBAL_PREFIX.length);
    if (!w.globalNames.has(name) && !w.askWordNames.has(name)) addIssue(issueAt(), 'on', `"${event}" names no global word in meta.vm.globalWords nor a word of an ask`);
    return;
  }
  addIssue(issueAt(), 'on', `unknown event "${event}": nothing sends it (known: ANSWER.<outcome>, NOINPUT, NOMATCH, WRONG, GLOBAL.<word>, REQUEST.OK, REQUEST.ERROR, REQUEST.<${REQUEST_ERROR_CLASSES.join('|')}>)`);
}

const isRequestClassEvent = (event: string): boolean =>
  event.startsWith(REQUEST_PREFIX) && (REQUEST_ERROR_CLASSES as readonly string[]).includes(event.slice(REQUEST_PREFIX.length));

function indexStates(w: Walk, states: Record<string, StateJson>, path: string, parentId: string | null): void {
  for (const key in states) {
    const state = states[key]!;
    const at = `${path}/${key}`;
    if (state.id !== key) addIssue(ctxFor(w, at, key, 'main'), 'id', `state id "${state.id}" must equal its key "${key}"`, '/id');
    if (w.states[key]) addIssue(ctxFor(w, at, key, 'main'), 'id', `duplicate state id "${key}" (also at ${w.states[key]!.path})`, '/id');
    let waitsOn: StateInfo['waitsOn'] = null;
    let effects = 0;
    for (const a of state.entry ?? []) {
      if (a.type !== 'vm.ask' && a.type !== 'vm.request') continue;
      if (effects++ === 0) waitsOn = a.type === 'vm.ask' ? 'ask' : 'request';
    }
    if (effects > 1) addIssue(ctxFor(w, at, key, 'main'), 'entry', 'a state may wait on one ask or request only; split it into states', '/entry');
    const info: StateInfo = { id: key, path: at, json: state, parentId, waitsOn };
    w.states[key] = info;
    w.targets.set(`#${key}`, info);
    // What this state's effect can send reaches its own `on`, every ancestor's and the root's.
    const reach: Reach = { unknown: false, outcomes: new Set(), asks: false, checks: false, requests: false };
    w.reach.set(key, reach);
    const unknownAction = (state.entry ?? []).some((a) => !isActionType(a.type));
    if (waitsOn !== null || unknownAction) {
      const effect = state.entry!.find((a) => a.type === 'vm.ask' || a.type === 'vm.request');
      const outcomes = effect?.type === 'vm.ask' ? effect.params.outcomes : [];
      const checks = effect?.type === 'vm.ask' && effect.params.check !== undefined;
      if (effect?.type === 'vm.ask') for (const word of effect.params.words ?? []) w.askWordNames.add(word.name);
      const chain: string[] = [''];
      for (let id: string | null = key; id !== null; id = w.states[id]!.parentId) chain.push(id);
      for (const id of chain) {
        const r = w.reach.get(id)!;
        if (unknownAction) r.unknown = true;
        if (waitsOn === 'ask') r.asks = true;
        if (checks) r.checks = true;
        else if (waitsOn === 'request') r.requests = true;
        for (const o of outcomes) r.outcomes.add(o.name);
      }
    }
    if (state.states) {
      if (state.initial === undefined || !state.states[state.initial]) addIssue(ctxFor(w, at, key, 'main'), 'initial', `initial "${state.initial}" is not a child of "${key}"`, '/initial');
      indexStates(w, state.states, `${at}/states`, key);
    } else if (state.initial !== undefined) addIssue(ctxFor(w, at, key, 'main'), 'initial', 'an atomic state has no initial child', '/initial');
  }
}

/** Whether `event` is handled in the state, one of its ancestors, or at the root. */
function handles(w: Walk, stateId: string, event: string): boolean {
  for (let id: string | null = stateId; id !== null; id = w.states[id]!.parentId) {
    if (w.states[id]!.json.on?.[event] !== undefined) return true;
  }
  return w.json.on?.[event] !== undefined;
}

function prepareState(w: Walk, state: StateJson, info: StateInfo): Record<string, unknown> {
  const { id, path } = info;
  const scope = state.meta.vm.scope;
  const ctx = ctxFor(w, path, id, scope);
  if (!w.scopes[scope]) addIssue(ctx, 'meta.vm.scope', `unknown scope "${scope}"`, '/meta/vm/scope');
  const out: Record<string, unknown> = { id: state.id, meta: state.meta };
  if (state.type) out.type = state.type;
  if (state.tags) out.tags = state.tags;
  const entry = prepareActions(w, state.entry, `${path}/entry`, id, scope);
  out.entry = entry;
  const askIndex = (state.entry ?? []).findIndex((a) => a.type === 'vm.ask');
  const askPrepared = askIndex >= 0 ? (entry?.[askIndex] as { params: PreparedAsk } | null) : null;
  if (askPrepared) w.asks[id] = askPrepared.params;
  // The entered hook ends an atomic state's entry (job-sink.ts).
  if (!state.states) {
    if (entry) entry.push(enteredHook(id));
    else out.entry = [enteredHook(id)];
  }
  out.exit = prepareActions(w, state.exit, `${path}/exit`, id, scope);
  if (state.on) {
    const on: Record<string, unknown> = {};
    const onPath = `${path}/on`;
    for (const event in state.on) {
      checkEventName(w, event, onPath, id, scope);
      on[event] = prepareTransitions(w, state.on[event], `${onPath}/${event}`, id, scope, `on.${event}`);
    }
    out.on = on;
  }
  if (state.meta.vm.outcome !== undefined && state.type !== 'final') addIssue(ctx, 'meta.vm.outcome', 'only a final state names the dialog\'s outcome', '/meta/vm/outcome');
  if (state.type === 'final') {
    if (state.on !== undefined) addIssue(ctx, 'on', 'a final state has no "on" (it is the end)', '/on');
    if (state.always !== undefined) addIssue(ctx, 'always', 'a final state has no "always" (it is the end)', '/always');
  }
  if (state.onDone !== undefined && !state.states) addIssue(ctx, 'onDone', 'only a compound state (with "states") finishes: "onDone" on an atomic state never fires', '/onDone');
  if (state.always !== undefined) out.always = prepareTransitions(w, state.always, `${path}/always`, id, scope, 'always');
  if (state.onDone !== undefined) out.onDone = prepareTransitions(w, state.onDone, `${path}/onDone`, id, scope, 'onDone');
  if (state.states) {
    out.initial = state.initial;
    const children: Record<string, unknown> = {};
    for (const key in state.states) {
      const child = state.states[key]!;
      children[key] = prepareState(w, child, w.states[key] ?? { ...info, id: key, json: child });
    }
    out.states = children;
  }

  // What the state waits on must be able to end: every event its effect sends is handled.
  if (info.waitsOn) {
    if (state.always !== undefined) addIssue(ctx, 'always', `an ${info.waitsOn} state cannot also have "always" (it would leave before the answer)`, '/always');
    const needed: string[] = [];
    if (info.waitsOn === 'ask') {
      const askAction = state.entry!.find((a) => a.type === 'vm.ask')!;
      needed.push(...askEvents(askAction.params as { outcomes: { name: string }[]; check?: unknown; words?: { name: string }[] }));
    } else needed.push('REQUEST.OK', 'REQUEST.ERROR');
    for (const event of needed) if (!handles(w, id, event)) addIssue(ctx, 'on', `"${event}" is not handled: the dialog would stop here`, `/on`);
  } else if (!state.states && state.type !== 'final' && state.always === undefined && (state.entry ?? []).every((a) => isActionType(a.type))) {
    addIssue(ctx, 'always', 'this state waits for nothing (no ask, no request, no "always") and is not final: the dialog would hang', '');
  }
  return out;
}

/** A machine written for a newer runtime: one clear issue instead of the schema's findings. */
function newerFormat(input: unknown): MachineIssue | null {
  const version = (input as { meta?: { vm?: { formatVersion?: unknown } } } | null)?.meta?.vm?.formatVersion;
  if (typeof version !== 'number' || version <= MAX_FORMAT_VERSION) return null;
  return {
    path: '/meta/vm/formatVersion',
    field: 'formatVersion',
    message: `machine formatVersion ${version} is newer than this runtime runs (1 to ${MAX_FORMAT_VERSION}): update the terminal's app, or publish with a compiler of the same release`,
  };
}

/**
 * Deepest nesting a machine may have: states nest one level per inlined subflow (two JSON
 * levels each), values (defaults, reference rows) a few more. The walkers after this check
 * (schema validator, state indexing, CEL conversion) are recursive.
 */
export const MAX_MACHINE_DEPTH = 256;

function prepareMachine(input: unknown): { issues: MachineIssue[]; loaded?: Omit<LoadedMachine, 'machine'> & { config: Record<string, unknown> } } {
  const deep = depthProblem(input, MAX_MACHINE_DEPTH);
  if (deep) return { issues: [{ path: deep.path, message: deep.message }] };
  const newer = newerFormat(input);
  if (newer) return { issues: [newer] };
  const issues = schemaIssues(input);
  if (issues.length) return { issues };
  const json = input as MachineJson;
  const meta = json.meta.vm;
  const w: Walk = { json, issues, scopes: buildScopes(meta.scopes, zeroValue, meta.reference), states: Object.create(null), targets: new Map(), asks: Object.create(null), languages: meta.languages, globalNames: new Set(), askWordNames: new Set(), reach: new Map() };
  w.reach.set('', { unknown: false, outcomes: new Set(), asks: false, checks: false, requests: false });
  const root = ctxFor(w, '', undefined, 'main');

  for (const [name, scope] of Object.entries(meta.scopes)) {
    for (const [v, decl] of Object.entries(scope.variables)) {
      if ((RESERVED_VARIABLES as readonly string[]).includes(v)) {
        issues.push({ path: `/meta/vm/scopes/${name}/variables/${v}`, field: v, message: `variable ${name}.${v}: "${v}" is reserved (${RESERVED_VARIABLES.join(', ')})` });
        continue;
      }
      if (CEL_RESERVED_WORDS.includes(v)) {
        issues.push({ path: `/meta/vm/scopes/${name}/variables/${v}`, field: v, message: `variable ${name}.${v}: "${v}" is a reserved word in CEL` });
        continue;
      }
      const mismatch = decl.default === undefined ? null : typeMismatch(decl.default, decl.type);
      if (mismatch) issues.push({ path: `/meta/vm/scopes/${name}/variables/${v}/default`, field: 'default', message: `default of ${name}.${v}: ${mismatch}` });
    }
  }
  meta.globalWords.forEach((word, i) => {
    if (w.globalNames.has(word.name)) issues.push({ path: `/meta/vm/globalWords/${i}/name`, field: 'name', message: `duplicate global word "${word.name}"` });
    w.globalNames.add(word.name);
    const missing = meta.languages.filter((lang) => !word.phrases[lang]?.length);
    if (missing.length) issues.push({ path: `/meta/vm/globalWords/${i}/phrases`, field: 'phrases', message: `global word "${word.name}" has no phrases in ${missing.join(', ')}` });
  });

  indexStates(w, json.states, '/states', null);
  if (!json.states[json.initial]) addIssue(root, 'initial', `initial "${json.initial}" is not a top-level state`, '/initial');

  const states: Record<string, unknown> = {};
  for (const key in json.states) states[key] = prepareState(w, json.states[key]!, w.states[key]!);
  const config: Record<string, unknown> = { id: json.id, initial: json.initial, states, options: { maxIterations: MAX_MICROSTEPS } };
  if (json.on) {
    const on: Record<string, unknown> = {};
    for (const event in json.on) {
      checkEventName(w, event, '/on', undefined, 'main');
      on[event] = prepareTransitions(w, json.on[event], `/on/${event}`, undefined, 'main', `on.${event}`);
    }
    config.on = on;
  }
  if (issues.length) return { issues };
  return { issues, loaded: { json, meta, states: w.states, asks: w.asks, scopes: w.scopes, config } };
}

export function validateMachine(json: unknown): MachineIssue[] {
  return prepareMachine(json).issues;
}

export function loadMachine(json: unknown): LoadedMachine {
  const { issues, loaded } = prepareMachine(json);
  if (!loaded) throw new MachineValidationError(issues);
  const { config, ...rest } = loaded;
  return { ...rest, machine: buildMachine(config) };
}

/** Effect action implementations that hand their jobs to `sink`. */
export function effectActions(sink: JobSink): Record<string, (args: ActionArgs, params: unknown) => void> {
  const actions: Record<string, (args: ActionArgs, params: unknown) => void> = {};
  for (const [type, def] of Object.entries(actionRegistry)) {
    if (def.kind === 'effect') actions[type] = (args, params) => sink(def.effect(params as never, args));
  }
  return actions;
}

/** The XState machine, shared by every dialog; effect actions deliver to the running dialog (job-sink.ts). */
function buildMachine(config: Record<string, unknown>): AnyStateMachine {
  const actions: Record<string, unknown> = { ...effectActions(deliverJob), ...stepActions };
  for (const [type, def] of Object.entries(actionRegistry)) {
    if (def.kind === 'assign') actions[type] = xassign(((args: ActionArgs, params: unknown) => def.assign(params as never, args)) as never);
  }
  const guards: Record<string, unknown> = {};
  for (const [type, def] of Object.entries(guardRegistry)) {
    guards[type] = (args: ActionArgs, params: PreparedCelGuard) => def.check(params, args);
  }
  return setup({ actions, guards } as never).createMachine({
    ...config,
    context: ({ input }: { input: DialogContext }) => input,
  } as never) as unknown as AnyStateMachine;
}
