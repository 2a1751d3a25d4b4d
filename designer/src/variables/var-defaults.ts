/**
 * A variable's default, per type: what a new default is, how a default survives a change of
 * type (kept when it still fits, converted when it can be, else the type's empty value), and
 * how a list/map/dyn default typed as JSON is read. The runtime's `valueTypeMismatch` decides
 * what fits, so the designer and the compiler's `variable-default-type` agree.
 */
import { valueTypeMismatch, zeroValue, type JsonValue, type VarType } from '@voiceman/runtime';

export const VAR_TYPES: readonly VarType[] = ['string', 'int', 'double', 'bool', 'list', 'map', 'dyn'];

/** The runtime's zero value of the type; `dyn` gets no default (it holds anything, null included). */
export const emptyDefault = (type: VarType): JsonValue | undefined => (type === 'dyn' ? undefined : zeroValue(type));

export const fits = (value: JsonValue | undefined, type: VarType): boolean => value === undefined || valueTypeMismatch(value, type) === null;

/** The default after the type changed from whatever it was to `type`. */
export function convertDefault(value: JsonValue | undefined, type: VarType): JsonValue | undefined {
  if (value === undefined || fits(value, type)) return value;
  switch (type) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'int': {
      const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'boolean' || typeof value === 'number' ? Number(value) : Number.NaN;
      return typeof value === 'string' && value.trim() === '' ? 0 : Number.isFinite(n) ? Math.trunc(n) : 0;
    }
    case 'double': {
      const n = typeof value === 'string' ? Number(value.trim()) : typeof value === 'boolean' ? Number(value) : Number.NaN;
      return typeof value === 'string' && value.trim() === '' ? 0 : Number.isFinite(n) ? n : 0;
    }
    case 'bool':
      return typeof value === 'string' ? value.trim().toLowerCase() === 'true' : typeof value === 'number' ? value !== 0 : false;
    default:
      return emptyDefault(type);
  }
}

/** JSON text typed for a list/map/dyn default: the value, or why it cannot be one. */
export function readJsonDefault(text: string, type: VarType): { ok: true; value: JsonValue | undefined } | { ok: false; problem: 'json' | 'type' } {
  if (text.trim() === '') return { ok: true, value: type === 'dyn' ? undefined : emptyDefault(type) };
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    return { ok: false, problem: 'json' };
  }
  return fits(value, type) ? { ok: true, value } : { ok: false, problem: 'type' };
}
