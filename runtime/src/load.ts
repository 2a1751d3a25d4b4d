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
import { addIssue, buildScopes, pushIssue, type MachineIssue, type PrepareContext, type ScopeRuntime } from './prepare.js';
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

/**
 * The context every action and guard is prepared in: one object per walk whose fields are set
 * before each `prepare` (all synchronous; none keeps it). Its JSON path is put together only
 * when an issue is reported, so a valid machine builds no path strings: it is
 * `<state><group>[/<key>][/<index>]<part>[/<partIndex>][/params]`, e.g.
 * `/states/s0/on/ANSWER.q/1/actions/0/params` or `/states/s0/entry/0/params`.
 */
class Site implements PrepareContext {
  stateId?: string;
  defaultScope = 'main';
  base = '';
  group = '';
  key: string | undefined = undefined;
  index = -1;
  part = '';
  partIndex = -1;
  params = false;
  constructor(
    readonly languages: MachineMeta['languages'],
    readonly scopes: Record<string, ScopeRuntime>,
    readonly issues: MachineIssue[],
  ) {}
  get path(): string {
    let path = this.transitionPath() + this.part;
    if (this.partIndex >= 0) path += `/${this.partIndex}`;
    return this.params ? `${path}/params` : path;
  }
  /** The path without the part: the transition's, or the state's `/entry`, `/exit`. */
  transitionPath(): string {
    let path = this.base + this.group;
    if (this.key !== undefined) path += `/${this.key}`;
    return this.index >= 0 ? `${path}/${this.index}` : path;
  }
  at(stateId: string | undefined, scope: string, base: string, group: string, key?: string): this {
    this.stateId = stateId;
    this.defaultScope = scope;
    this.base = base;
    this.group = group;
    this.key = key;
    this.index = -1;
    this.part = '';
    this.partIndex = -1;
    this.params = false;
    return this;
  }
}

interface Walk {
  json: MachineJson;
  issues: MachineIssue[];
  scopes: Record<string, ScopeRuntime>;
  states: Record<string, StateInfo>;
  /** `#<id>` → the state: transition targets are looked up as written (no slice per target). */
  targets: Map<string, StateInfo>;
  asks: Record<string, PreparedAsk>;
  globalNames: Set<string>;
  /** Names of words heard in one ask only (`vm.ask` params `words`). */
  askWordNames: Set<string>;
  /** Per state id (and '' for the root): the ask outcomes and requests in that subtree, i.e. what can reach its `on`. */
  reach: Map<string, Reach>;
  site: Site;
  /** False for `validateMachine`: every check runs, but no XState config is built. */
  build: boolean;
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

/** Prepares the action at `w.site` (its `partIndex` set by the caller). */
function prepareAction(w: Walk, action: ActionJson): unknown {
  const site = w.site;
  site.params = false;
  if (!isActionType(action.type)) {
    addIssue(site, 'type', `unknown action "${String(action.type)}" (known: ${Object.keys(actionRegistry).join(', ')})`, '/type');
    return null;
  }
  site.params = true;
  const def = actionRegistry[action.type];
  const prepared = def.prepare(action.params as never, site);
  return prepared === null ? null : { type: action.type, params: prepared };
}

/** The actions of the list at `w.site` (group, key, index and part set by the caller). */
function prepareActions(w: Walk, actions: ActionJson[] | undefined): unknown[] | undefined {
  if (!actions) return undefined;
  const out: unknown[] = new Array(actions.length);
  for (let i = 0; i < actions.length; i++) {
    w.site.partIndex = i;
    out[i] = prepareAction(w, actions[i]!);
  }
  return out;
}

function prepareGuard(w: Walk, guard: GuardJson): unknown {
  const site = w.site;
  site.part = '/guard';
  site.partIndex = -1;
  site.params = false;
  if (!isGuardType(guard.type)) {
    addIssue(site, 'guard', `unknown guard "${String(guard.type)}" (known: ${Object.keys(guardRegistry).join(', ')})`, '/type');
    return null;
  }
  site.params = true;
  const prepared = guardRegistry[guard.type].prepare(guard.params, site);
  return prepared === null ? null : { type: guard.type, params: prepared };
}

/** Issues about a transition itself: its path is built here, for the issue only. */
function transitionIssue(w: Walk, message: string, subPath: string): void {
  const site = w.site;
  // The field: `on.<event>`, `always` or `onDone`.
  stateIssue(w, site.transitionPath() + subPath, site.stateId, site.key !== undefined ? `on.${site.key}` : site.group.slice(1), message);
}

/** The transition(s) of one event (or `always`, `onDone`) at `w.site` (state, group and key set by the caller). */
function prepareTransitions(w: Walk, t: TransitionJson | TransitionJson[] | undefined): unknown {
  if (t === undefined) return undefined;
  if (!Array.isArray(t)) return prepareTransition(w, t, -1);
  const out: unknown[] = new Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = prepareTransition(w, t[i]!, i);
  return out;
}

function prepareTransition(w: Walk, tr: TransitionJson, index: number): unknown {
  const site = w.site;
  site.index = index;
  site.part = '';
  site.partIndex = -1;
  site.params = false;
  const stateId = site.stateId;
  const eventless = site.group === '/always';
  if (tr.target !== undefined) {
    const target = w.targets.get(tr.target);
    if (!target) transitionIssue(w, `target "${tr.target}" is not the id of any state (write "#<stateId>")`, '/target');
    if (stateId !== undefined && target?.id === stateId && !eventless && tr.reenter !== true && (target.json.entry?.length ?? 0) > 0) {
      transitionIssue(w, `transition back to its own state "${stateId}" needs "reenter": true, or its entry actions would not run again`, '/reenter');
    }
  }
  const guard = tr.guard ? prepareGuard(w, tr.guard) : undefined;
  let actions: unknown[] | undefined;
  if (tr.actions) {
    site.part = '/actions';
    actions = prepareActions(w, tr.actions);
  }
  if (!w.build) return null;
  // The step hook (job-sink.ts), only where the entered hook cannot tell the step alone: an
  // eventless transition, and a targetless one with actions (its microstep enters nothing). An
  // inert transition (no target, no actions) stays inert, so `snapshot.can` still refuses it.
  if (eventless || (tr.target === undefined && actions !== undefined && actions.length > 0)) {
    const step: StepTransition = { eventless, targetless: tr.target === undefined };
    (actions ??= []).push({ type: STEP_ACTION, params: step });
  }
  // Every key xstate's `formatTransition` writes, present from the start (undefined when
  // unused), in one shape: it copies the config with a spread and then sets these keys, and
  // in V8 a spread followed by keys the copy lacks takes a slow path (measured: createMachine
  // of the 500-state bench machine 18.7 -> 8.0 ms). Undefined keys change nothing for xstate.
  return {
    target: tr.target,
    reenter: tr.reenter,
    guard,
    actions: actions !== undefined && actions.length > 0 ? actions : undefined,
    description: tr.description,
    source: undefined,
    eventType: undefined,
    toJSON: undefined,
  };
}

/** Whether `event` can ever be sent while the state (or, for the root, the machine) is active; `base` is the state's path ('' for the root). */
function checkEventName(w: Walk, event: string, base: string, stateId: string | undefined): void {
  const reach = w.reach.get(stateId ?? '');
  const requestEvent = event === 'REQUEST.OK' || event === 'REQUEST.ERROR' || isRequestClassEvent(event);
  const known = event.startsWith(ANSWER_PREFIX) || event === 'NOINPUT' || event === 'NOMATCH' || event === 'WRONG' || requestEvent;
  if (known && reach?.unknown) return;
  let message: string | undefined;
  if (event.startsWith(ANSWER_PREFIX)) {
    const name = event.slice(ANSWER_PREFIX.length);
    if (!reach?.outcomes.has(name)) {
      const known = reach?.outcomes.size ? ` (outcomes: ${[...reach.outcomes].join(', ')})` : '';
      message = `"${event}" can never arrive here: no ask in ${where(stateId)} has an outcome "${name}"${known}`;
    }
  } else if (event === 'NOINPUT' || event === 'NOMATCH') {
    if (!reach?.asks) message = `"${event}" can never arrive here: no ask in ${where(stateId)}`;
  } else if (event === 'WRONG') {
    if (!reach?.checks) message = `"${event}" can never arrive here: no ask with a check in ${where(stateId)}`;
  } else if (requestEvent) {
    if (!reach?.requests) message = `"${event}" can never arrive here: no request in ${where(stateId)}`;
  } else if (event.startsWith(GLOBAL_PREFIX)) {
    const name = event.slice(GLOBAL_PREFIX.length);
    if (!w.globalNames.has(name) && !w.askWordNames.has(name)) message = `"${event}" names no global word in meta.vm.globalWords nor a word of an ask`;
  } else {
    message = `unknown event "${event}": nothing sends it (known: ANSWER.<outcome>, NOINPUT, NOMATCH, WRONG, GLOBAL.<word>, REQUEST.OK, REQUEST.ERROR, REQUEST.<${REQUEST_ERROR_CLASSES.join('|')}>)`;
  }
  // The event's path only for an issue: a valid machine builds none.
  if (message !== undefined) stateIssue(w, `${base}/on/${event}`, stateId, 'on', message);
}

const where = (stateId: string | undefined) => (stateId === undefined ? 'the machine' : `"${stateId}"`);

const stateIssue = (w: Walk, path: string, stateId: string | undefined, field: string, message: string): void => pushIssue(w.issues, path, stateId, field, message);

const isRequestClassEvent = (event: string): boolean =>
  event.startsWith(REQUEST_PREFIX) && (REQUEST_ERROR_CLASSES as readonly string[]).includes(event.slice(REQUEST_PREFIX.length));

function indexStates(w: Walk, states: Record<string, StateJson>, path: string, parentId: string | null): void {
  for (const key in states) {
    const state = states[key]!;
    const at = `${path}/${key}`;
    if (state.id !== key) stateIssue(w, `${at}/id`, key, 'id', `state id "${state.id}" must equal its key "${key}"`);
    if (w.states[key]) {
      stateIssue(w, `${at}/id`, key, 'id', `duplicate state id "${key}" (also at ${w.states[key]!.path})`);
      // The later state takes the id over, with what reaches it (as it always has).
      w.reach.delete(key);
    }
    let waitsOn: StateInfo['waitsOn'] = null;
    let effects = 0;
    let unknownAction = false;
    let effect: ActionJson | undefined;
    for (const a of state.entry ?? []) {
      if (!isActionType(a.type)) unknownAction = true;
      if (a.type !== 'vm.ask' && a.type !== 'vm.request') continue;
      if (effects++ === 0) {
        waitsOn = a.type === 'vm.ask' ? 'ask' : 'request';
        effect = a;
      }
    }
    if (effects > 1) stateIssue(w, `${at}/entry`, key, 'entry', 'a state may wait on one ask or request only; split it into states');
    const info: StateInfo = { id: key, path: at, json: state, parentId, waitsOn };
    w.states[key] = info;
    w.targets.set(`#${key}`, info);
    // What this state's effect can send reaches its own `on`, every ancestor's and the root's
    // (a state nothing reaches has no entry in `w.reach`).
    if (waitsOn !== null || unknownAction) {
      const outcomes = effect?.type === 'vm.ask' ? effect.params.outcomes : [];
      const checks = effect?.type === 'vm.ask' && effect.params.check !== undefined;
      if (effect?.type === 'vm.ask') for (const word of effect.params.words ?? []) w.askWordNames.add(word.name);
      for (let id: string | null = ''; id !== null; id = id === '' ? key : w.states[id]!.parentId) {
        let r = w.reach.get(id);
        if (!r) w.reach.set(id, (r = { unknown: false, outcomes: new Set(), asks: false, checks: false, requests: false }));
        if (unknownAction) r.unknown = true;
        if (waitsOn === 'ask') r.asks = true;
        if (checks) r.checks = true;
        else if (waitsOn === 'request') r.requests = true;
        for (const o of outcomes) r.outcomes.add(o.name);
      }
    }
    if (state.states) {
      if (state.initial === undefined || !state.states[state.initial]) stateIssue(w, `${at}/initial`, key, 'initial', `initial "${state.initial}" is not a child of "${key}"`);
      indexStates(w, state.states, `${at}/states`, key);
    } else if (state.initial !== undefined) stateIssue(w, `${at}/initial`, key, 'initial', 'an atomic state has no initial child');
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
  // Issues about the state itself: built only when there is one.
  const issue = (field: string, message: string, subPath: string) => stateIssue(w, path + subPath, id, field, message);
  if (!w.scopes[scope]) issue('meta.vm.scope', `unknown scope "${scope}"`, '/meta/vm/scope');
  const out: Record<string, unknown> = { id: state.id, meta: state.meta };
  if (state.type) out.type = state.type;
  if (state.tags) out.tags = state.tags;
  const site = w.site;
  site.at(id, scope, path, '/entry');
  let entry = prepareActions(w, state.entry);
  if (state.entry) {
    for (let i = 0; i < state.entry.length; i++) {
      if (state.entry[i]!.type !== 'vm.ask') continue;
      const askPrepared = entry![i] as { params: PreparedAsk } | null;
      if (askPrepared) w.asks[id] = askPrepared.params;
      break;
    }
  }
  // The entered hook ends an atomic state's entry (job-sink.ts).
  if (!state.states && w.build) (entry ??= []).push(enteredHook(id));
  out.entry = entry;
  site.at(id, scope, path, '/exit');
  out.exit = prepareActions(w, state.exit);
  if (state.on) {
    const on: Record<string, unknown> = {};
    for (const event in state.on) {
      checkEventName(w, event, path, id);
      site.at(id, scope, path, '/on', event);
      on[event] = prepareTransitions(w, state.on[event]);
    }
    out.on = on;
  }
  if (state.meta.vm.outcome !== undefined && state.type !== 'final') issue('meta.vm.outcome', 'only a final state names the dialog\'s outcome', '/meta/vm/outcome');
  if (state.type === 'final') {
    if (state.on !== undefined) issue('on', 'a final state has no "on" (it is the end)', '/on');
    if (state.always !== undefined) issue('always', 'a final state has no "always" (it is the end)', '/always');
  }
  if (state.onDone !== undefined && !state.states) issue('onDone', 'only a compound state (with "states") finishes: "onDone" on an atomic state never fires', '/onDone');
  if (state.always !== undefined) {
    site.at(id, scope, path, '/always');
    out.always = prepareTransitions(w, state.always);
  }
  if (state.onDone !== undefined) {
    site.at(id, scope, path, '/onDone');
    out.onDone = prepareTransitions(w, state.onDone);
  }
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
    if (state.always !== undefined) issue('always', `an ${info.waitsOn} state cannot also have "always" (it would leave before the answer)`, '/always');
    const needed = info.waitsOn === 'ask' ? askEvents(state.entry!.find((a) => a.type === 'vm.ask')!.params as Parameters<typeof askEvents>[0]) : ['REQUEST.OK', 'REQUEST.ERROR'];
    for (const event of needed) if (!handles(w, id, event)) issue('on', `"${event}" is not handled: the dialog would stop here`, '/on');
  } else if (!state.states && state.type !== 'final' && state.always === undefined && (state.entry ?? []).every((a) => isActionType(a.type))) {
    issue('always', 'this state waits for nothing (no ask, no request, no "always") and is not final: the dialog would hang', '');
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

function prepareMachine(input: unknown, build: boolean): { issues: MachineIssue[]; loaded?: Omit<LoadedMachine, 'machine'> & { config: Record<string, unknown> } } {
  const deep = depthProblem(input, MAX_MACHINE_DEPTH);
  if (deep) return { issues: [{ path: deep.path, message: deep.message }] };
  const newer = newerFormat(input);
  if (newer) return { issues: [newer] };
  const issues = schemaIssues(input);
  if (issues.length) return { issues };
  const json = input as MachineJson;
  const meta = json.meta.vm;
  const scopes = buildScopes(meta.scopes, zeroValue, meta.reference);
  const w: Walk = { json, issues, scopes, states: Object.create(null), targets: new Map(), asks: Object.create(null), globalNames: new Set(), askWordNames: new Set(), reach: new Map(), site: new Site(meta.languages, scopes, issues), build };

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
  if (!json.states[json.initial]) stateIssue(w, '/initial', undefined, 'initial', `initial "${json.initial}" is not a top-level state`);

  const states: Record<string, unknown> = {};
  for (const key in json.states) states[key] = prepareState(w, json.states[key]!, w.states[key]!);
  const config: Record<string, unknown> = { id: json.id, initial: json.initial, states, options: { maxIterations: MAX_MICROSTEPS } };
  if (json.on) {
    const on: Record<string, unknown> = {};
    for (const event in json.on) {
      checkEventName(w, event, '', undefined);
      w.site.at(undefined, 'main', '', '/on', event);
      on[event] = prepareTransitions(w, json.on[event]);
    }
    config.on = on;
  }
  if (issues.length) return { issues };
  return { issues, loaded: { json, meta, states: w.states, asks: w.asks, scopes: w.scopes, config } };
}

export function validateMachine(json: unknown): MachineIssue[] {
  return prepareMachine(json, false).issues;
}

export function loadMachine(json: unknown): LoadedMachine {
  const { issues, loaded } = prepareMachine(json, true);
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
