/** The dialog's XState context and the activation CEL expressions evaluate against. */
import type { JsonValue, Lang, VarType } from './format.js';
import { toCel } from './cel.js';
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

// The last activation built without extras. A guard and the assignment of the transition it
// lets through see the same scope values, event and session, so the assignment reuses the
// guard's activation. Activations are read-only to every caller (CEL programs only read them).
const lastActivation: { scope: unknown; event: unknown; session: unknown; value: Record<string, unknown> | undefined } = {
  scope: undefined,
  event: undefined,
  session: undefined,
  value: undefined,
};

export function activation(
  context: DialogContext,
  scope: ScopeRuntime,
  event: EventLike,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  if (eventMemo.key !== event) {
    eventMemo.key = event;
    eventMemo.value = eventCel(event);
  }
  if (sessionMemo.key !== context.session) {
    sessionMemo.key = context.session;
    sessionMemo.value = toCel(context.session as unknown as JsonValue);
  }
  const values = celScope(context.vars[scope.name] ?? {}, scope);
  const last = lastActivation;
  if (!extra && last.scope === values && last.event === eventMemo.value && last.session === sessionMemo.value) return last.value!;
  // Object.assign, not spread: V8 (Node 20) spreads objects holding BigInts ~100x slower.
  const act: Record<string, unknown> = Object.assign({}, values);
  act.event = eventMemo.value;
  act.session = sessionMemo.value;
  act.ref = scope.ref;
  if (extra) return Object.assign(act, extra);
  last.scope = values;
  last.event = eventMemo.value;
  last.session = sessionMemo.value;
  last.value = act;
  return act;
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
