/** The dialog's XState context and the activation CEL expressions evaluate against. */
import type { JsonValue, Lang, VarType } from './format.js';
import { CelInput, toCel, type CelProgram } from './cel.js';
import { BAIL } from './cel-fast.js';
import type { ScopeRuntime } from './prepare.js';

export interface SessionInfo {
  sessionId: string;
  terminalId: string;
  operatorId: string | null;
  processKey: string;
  language: Lang;
}

export interface DialogContext {
  /** Variables by scope (`main`, then one per inlined subflow call). */
  vars: Record<string, Record<string, JsonValue>>;
  session: SessionInfo;
  /** Set by `vm.result` when a final state is entered. */
  result: JsonValue | null;
  /** The machine's settings (defaults of every ask), with the site's applied (site-settings.ts). */
  settings: { minConfidence: number; noInputTimeoutMs: number; confirmBelow?: number; timeoutFactor?: number };
}

export interface EventLike {
  type: string;
  [key: string]: unknown;
}

// Contexts are immutable in XState, so a converted value stays valid until the next
// assignment. Single-entry memos (not WeakMaps: ephemeron tables make GC slow) cover the
// common run of expressions evaluated against the same scope values and the same event.
interface Memo<K, V> {
  key: K | undefined;
  value: V | undefined;
}
// The per-scope memo lives on the ScopeRuntime (`celValues`), so it is dropped with its machine.
const eventMemo: Memo<EventLike, unknown> = { key: undefined, value: undefined };
const sessionMemo: Memo<SessionInfo, unknown> = { key: undefined, value: undefined };

function celScope(values: Record<string, JsonValue>, scope: ScopeRuntime): Record<string, unknown> {
  const memo = scope.celValues;
  const types = scope.types;
  if (memo.key !== values) {
    const converted: Record<string, unknown> = {};
    for (const name in types) converted[name] = toCel(values[name], types[name]);
    memo.key = values;
    memo.value = converted;
  }
  return memo.value!;
}

/** The event's payload as CEL sees it (`event.value`, `event.body`); XState's own events are empty. */
function eventCel(event: EventLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (event.type.startsWith('xstate.')) return out;
  for (const key of Object.keys(event)) if (key !== 'type') out[key] = toCel(event[key] as JsonValue);
  return out;
}

/**
 * What CEL programs run against: the scope's JSON values, the event and the session as they are
 * (the fast path, cel-fast.ts, reads these), and the converted CEL activation, built on first
 * use only (cel-js needs it; an expression the fast path answers never does).
 */
class DialogActivation extends CelInput {
  private built: Record<string, unknown> | undefined = undefined;
  constructor(
    values: Record<string, JsonValue>,
    event: EventLike,
    private readonly context: DialogContext,
    readonly scope: ScopeRuntime,
    private readonly extra: Record<string, unknown> | undefined,
  ) {
    super(values, event, context.session);
  }

  record(): Record<string, unknown> {
    if (this.built) return this.built;
    const event = this.event as EventLike;
    if (eventMemo.key !== event) {
      eventMemo.key = event;
      eventMemo.value = eventCel(event);
    }
    const session = this.context.session;
    if (sessionMemo.key !== session) {
      sessionMemo.key = session;
      sessionMemo.value = toCel(session as unknown as JsonValue);
    }
    // Object.assign, not spread: V8 (Node 20) spreads objects holding BigInts ~100x slower.
    const act: Record<string, unknown> = Object.assign({}, celScope(this.values, this.scope));
    act.event = eventMemo.value;
    act.session = sessionMemo.value;
    act.ref = this.scope.ref;
    if (this.extra) Object.assign(act, this.extra);
    return (this.built = act);
  }
}

const EMPTY: Record<string, JsonValue> = Object.freeze({}) as Record<string, JsonValue>;

// The last activation made without extras. A guard and the assignment of the transition it
// lets through see the same scope values, event and session, so the assignment reuses the
// guard's activation (and its CEL record, when one was needed). Activations are read-only to
// every caller (CEL programs only read them).
let lastActivation: DialogActivation | undefined;

export function activation(
  context: DialogContext,
  scope: ScopeRuntime,
  event: EventLike,
  extra?: Record<string, unknown>,
): CelInput {
  const values = context.vars[scope.name] ?? EMPTY;
  if (extra) return new DialogActivation(values, event, context, scope, extra);
  const last = lastActivation;
  if (last && last.values === values && last.event === event && last.session === context.session && last.scope === scope) return last;
  return (lastActivation = new DialogActivation(values, event, context, scope, undefined));
}

/**
 * `program.run` against the dialog's context: the fast path straight on the JSON values when the
 * expression is in its subset, without even an activation object; cel-js otherwise.
 */
export function runIn(program: CelProgram, context: DialogContext, scope: ScopeRuntime, event: EventLike): JsonValue {
  if (program.fast) {
    const r = program.fast(context.vars[scope.name] ?? EMPTY, event, context.session);
    if (r !== BAIL) return r;
  }
  return program.run(activation(context, scope, event));
}

/** `program.raw` likewise (guards): the fast path answers only with a boolean. */
export function rawIn(program: CelProgram, context: DialogContext, scope: ScopeRuntime, event: EventLike): unknown {
  if (program.fast) {
    const r = program.fast(context.vars[scope.name] ?? EMPTY, event, context.session);
    if (typeof r === 'boolean') return r;
  }
  return program.raw(activation(context, scope, event));
}

export function zeroValue(type: VarType): JsonValue {
  switch (type) {
    case 'string':
      return '';
    case 'int':
    case 'double':
      return 0;
    case 'bool':
      return false;
    case 'list':
      return [];
    case 'map':
      return {};
    case 'dyn':
      return null;
  }
}

/** Why `value` cannot be stored in a variable of `type`, or null when it can. */
export function typeMismatch(value: JsonValue, type: VarType): string | null {
  const ok =
    type === 'dyn' ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
    (type === 'double' && typeof value === 'number') ||
    (type === 'bool' && typeof value === 'boolean') ||
    (type === 'list' && Array.isArray(value)) ||
    (type === 'map' && value !== null && typeof value === 'object' && !Array.isArray(value));
  return ok ? null : `expected ${type}, got ${JSON.stringify(value)}`;
}
