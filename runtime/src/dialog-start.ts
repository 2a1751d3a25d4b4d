/**
 * What a dialog starts from: the XState context built from the options (defaults, checked
 * `input`, variables carried over a version switch, the session and the effective settings),
 * and where a snapshot or a machine's initial state leaves the dialog (its leaf state id).
 */
import type { StateJson } from './format.js';
import type { DialogContext } from './context.js';
import { typeMismatch } from './context.js';
import type { LoadedMachine } from './load.js';
import type { DialogOptions } from './dialog-api.js';
import { effectiveSettings } from './site-settings.js';
import { carryVariables, type DroppedVariable } from './switch.js';

/** Leaf state id of a snapshot value (state keys equal ids). */
export function leafId(value: unknown): string {
  let v = value;
  let id = '';
  while (v !== null && typeof v === 'object') {
    const [key, child] = Object.entries(v as Record<string, unknown>)[0] ?? [];
    if (key === undefined) break;
    id = key;
    v = child;
  }
  return typeof v === 'string' ? v : id;
}

/** The leaf a fresh start enters first: `initial`, then each compound state's initial child. */
export function initialLeaf(states: Record<string, StateJson>, initial: string): string {
  let id = initial;
  for (let s = states[id]; s?.states && s.initial !== undefined; s = s.states[s.initial]) id = s.initial;
  return id;
}

/**
 * The context a fresh actor gets: every scope's defaults, then `input` (checked against `main`'s
 * variable types; a bad one throws, naming it), then the variables a switch carries (`startAt`;
 * those the new version cannot take are `dropped`, for the driver to report).
 */
export function initialContext(loaded: LoadedMachine, options: DialogOptions, language: DialogContext['session']['language']): { context: DialogContext; dropped: DroppedVariable[] } {
  const meta = loaded.meta;
  const vars: DialogContext['vars'] = {};
  for (const [name, scope] of Object.entries(loaded.scopes)) vars[name] = { ...scope.defaults };
  for (const [name, value] of Object.entries(options.input ?? {})) {
    const type = loaded.scopes.main!.types[name];
    if (type === undefined) throw new Error(`input "${name}" is not a variable of process "${meta.processKey}"`);
    const mismatch = typeMismatch(value, type);
    if (mismatch) throw new Error(`input "${name}": ${mismatch}`);
    vars.main![name] = value;
  }
  let dropped: DroppedVariable[] = [];
  if (options.startAt) {
    const carried = carryVariables(loaded, vars, options.startAt.variables);
    Object.assign(vars, carried.vars);
    dropped = carried.dropped;
  }
  const context: DialogContext = {
    vars,
    session: {
      sessionId: options.sessionId,
      terminalId: options.terminalId,
      operatorId: options.operatorId ?? null,
      processKey: meta.processKey,
      language,
    },
    result: null,
    settings: effectiveSettings(meta, options.settings),
  };
  return { context, dropped };
}
