/** The dialog's XState context and the activation CEL expressions evaluate against. */
import type { JsonValue, Lang, VarType } from './format.js';
import { toCel } from './cel.js';

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
  /** The machine's settings (defaults of every ask). */
  settings: { minConfidence: number; noInputTimeoutMs: number };
}

export interface EventLike {
  type: string;
  [key: string]: unknown;
}

// Contexts are immutable in XState: a scope object converted once serves every expression
// evaluated until the next assignment.
const scopeCache = new WeakMap<object, Record<string, unknown>>();
const eventCache = new WeakMap<object, unknown>();
const sessionCache = new WeakMap<object, unknown>();

function celScope(values: Record<string, JsonValue>, types: Record<string, VarType>): Record<string, unknown> {
  let cached = scopeCache.get(values);
  if (!cached) {
    cached = {};
    for (const [name, type] of Object.entries(types)) cached[name] = toCel(values[name], type);
    scopeCache.set(values, cached);
  }
  return cached;
}

/** The event's payload as CEL sees it (`event.value`, `event.body`); XState's own events are empty. */
export function eventPayload(event: EventLike): JsonValue {
  if (event.type.startsWith('xstate.')) return {};
  const { type: _type, ...rest } = event;
  return rest as JsonValue;
}

export function activation(
  context: DialogContext,
  scope: string,
  types: Record<string, VarType>,
  event: EventLike,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  let celEvent = eventCache.get(event);
  if (celEvent === undefined) {
    celEvent = toCel(eventPayload(event));
    eventCache.set(event, celEvent);
  }
  let celSession = sessionCache.get(context.session);
  if (celSession === undefined) {
    celSession = toCel(context.session as unknown as JsonValue);
    sessionCache.set(context.session, celSession);
  }
  const values = context.vars[scope] ?? {};
  return { ...celScope(values, types), event: celEvent, session: celSession, ...extra };
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
