/**
 * The input variables a run starts with: the process's `input` variables, prefilled from their
 * defaults, edited as text in the panel and parsed by the variable's type before the run.
 */
import type { FlowGraph, FlowVariable } from '@voiceman/compiler';
import type { JsonValue } from '@voiceman/runtime';

export function inputVariables(graph: FlowGraph): FlowVariable[] {
  return graph.process.variables.filter((v) => v.input);
}

/** The text a field shows for a value: strings as they are, everything else as JSON. */
export function valueText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function defaultInputText(graph: FlowGraph): Record<string, string> {
  return Object.fromEntries(inputVariables(graph).map((v) => [v.name, valueText(v.default)]));
}

export type ParsedInput = { ok: true; value: Record<string, JsonValue> } | { ok: false; errors: Record<string, string> };

/** Parses each field by its variable's type; an empty field is left out (the default applies). */
export function parseInputs(variables: FlowVariable[], text: Record<string, string>): ParsedInput {
  const value: Record<string, JsonValue> = {};
  const errors: Record<string, string> = {};
  for (const v of variables) {
    const raw = text[v.name];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = parseTyped(v.type, raw);
    if (parsed.ok) value[v.name] = parsed.value;
    else errors[v.name] = parsed.error;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

function parseTyped(type: FlowVariable['type'], raw: string): { ok: true; value: JsonValue } | { ok: false; error: string } {
  if (type === 'string') return { ok: true, value: raw };
  let value: JsonValue;
  try {
    value = JSON.parse(raw) as JsonValue;
  } catch {
    return type === 'dyn' ? { ok: true, value: raw } : { ok: false, error: `not a ${type}` };
  }
  const fits =
    type === 'dyn' ||
    (type === 'int' && Number.isInteger(value)) ||
    (type === 'double' && typeof value === 'number') ||
    (type === 'bool' && typeof value === 'boolean') ||
    (type === 'list' && Array.isArray(value)) ||
    (type === 'map' && typeof value === 'object' && value !== null && !Array.isArray(value));
  return fits ? { ok: true, value } : { ok: false, error: `not a ${type}` };
}

/** One input as the server's effective-settings view lists it (a secret's value never comes). */
export interface SettingInput {
  name: string;
  secret?: boolean;
  value?: unknown;
}

/**
 * The fields a run starts with once the settings of where it runs are known: a site gets its
 * `wmsUrl` from its settings, not from the flow's default, so the simulator does the same. A
 * field the tester already changed, and a secret (the server fills those in server runs), stay.
 */
export function withSettings(current: Record<string, string>, defaults: Record<string, string>, inputs: SettingInput[]): Record<string, string> {
  const next = { ...current };
  for (const input of inputs) {
    if (input.secret || input.value === null || input.value === undefined || typeof input.value === 'object') continue;
    if (current[input.name] !== defaults[input.name]) continue;
    next[input.name] = valueText(input.value as JsonValue);
  }
  return next;
}
