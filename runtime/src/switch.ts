/**
 * Taking a new machine version in the middle of a shift (the terminal, issue 11).
 *
 * Leaving: a state whose flow node is a switch point (`meta.vm.switchPoint: true`) gets a
 * marker action first in its entry (`vm.switchMark`, added here, not in the JSON). The marker
 * runs before the state's own entry actions, so it sees the variables as they were before the
 * state: the old dialog hands over exactly what the new one needs to enter that state itself.
 * Every job queued from the marker on belongs to the state (or to states after it in the same
 * macrostep) and is dropped; the jobs before it still run, then the dialog ends `switched`.
 *
 * Arriving: `startAt` builds a variant of the machine whose initial path leads to the state,
 * with the entry actions of its ancestors (inlined subflow calls) removed: the old version
 * already ran them, and their effect (the subflow scope's variables) is carried over.
 */
import { createMachine, type AnyStateMachine } from 'xstate';
import type { JsonValue } from './format.js';
import type { LoadedMachine } from './load.js';
import { typeMismatch } from './context.js';

export const SWITCH_MARK = 'vm.switchMark';

type Variables = Record<string, Record<string, JsonValue>>;

/** Where a switched dialog starts, and what it carries (see `DialogOptions.startAt`). */
export interface StartAt {
  /** State id (node id, with the subflow scope prefix inside a subflow). */
  stateId: string;
  variables: Variables;
  /** The session it continues; reported in `session.start` as `data.switchedFrom`. */
  switchedFrom?: { sessionId: string; versionHash: string };
}

/** A carried value the new version cannot take (an unknown scope or variable, another type). */
export interface DroppedVariable {
  scope: string;
  name: string;
  message: string;
}

export function isSwitchPoint(loaded: LoadedMachine, stateId: string): boolean {
  return (loaded.states[stateId]?.json.meta.vm as { switchPoint?: unknown } | undefined)?.switchPoint === true;
}

export function hasSwitchPoints(loaded: LoadedMachine): boolean {
  return Object.keys(loaded.states).some((id) => isSwitchPoint(loaded, id));
}

/** `base` (defaults and input) overlaid with the carried values the new version accepts. */
export function carryVariables(loaded: LoadedMachine, base: Variables, carried: Variables): { vars: Variables; dropped: DroppedVariable[] } {
  const vars: Variables = {};
  for (const [scope, values] of Object.entries(base)) vars[scope] = { ...values };
  const dropped: DroppedVariable[] = [];
  for (const [scope, values] of Object.entries(carried ?? {})) {
    const types = loaded.scopes[scope]?.types;
    for (const [name, value] of Object.entries(values ?? {})) {
      const type = types?.[name];
      if (!types) dropped.push({ scope, name, message: `scope "${scope}" is not in this version` });
      else if (type === undefined) dropped.push({ scope, name, message: `${scope}.${name} is not a variable of this version` });
      else {
        const mismatch = typeMismatch(value, type);
        if (mismatch) dropped.push({ scope, name, message: `${scope}.${name}: ${mismatch}` });
        else vars[scope]![name] = value;
      }
    }
  }
  return { vars, dropped };
}

type StateConfig = Record<string, unknown> & { entry?: unknown[]; states?: Record<string, StateConfig>; initial?: string };

/** Ids from the top-level state down to `stateId`. */
function pathTo(loaded: LoadedMachine, stateId: string): string[] {
  const path: string[] = [];
  for (let id: string | null = stateId; id !== null; id = loaded.states[id]!.parentId) path.unshift(id);
  return path;
}

const markedCache = new WeakMap<LoadedMachine, AnyStateMachine>();

/**
 * The machine a dialog runs: the loaded one unchanged when there is nothing to do, otherwise
 * a variant with switch-point markers (`mark`) and/or the initial path to `startAt`.
 */
export function switchMachine(loaded: LoadedMachine, options: { mark: boolean; startAt?: string }): AnyStateMachine {
  const mark = options.mark && hasSwitchPoints(loaded);
  if (!mark && options.startAt === undefined) return loaded.machine;
  const cached = options.startAt === undefined ? markedCache.get(loaded) : undefined;
  if (cached) return cached;
  const path = options.startAt === undefined ? [] : pathTo(loaded, options.startAt);
  const config = loaded.machine.config as unknown as StateConfig;
  const rewrite = (states: Record<string, StateConfig>, depth: number): Record<string, StateConfig> => {
    const out: Record<string, StateConfig> = {};
    for (const [id, state] of Object.entries(states)) {
      const copy: StateConfig = { ...state };
      const ancestor = path[depth] === id && depth < path.length - 1;
      if (ancestor) {
        copy.initial = path[depth + 1];
        delete copy.entry;
      } else if (mark && isSwitchPoint(loaded, id)) {
        copy.entry = [{ type: SWITCH_MARK, params: { stateId: id } }, ...(state.entry ?? [])];
      }
      if (state.states) copy.states = rewrite(state.states, ancestor ? depth + 1 : path.length);
      out[id] = copy;
    }
    return out;
  };
  const variant: StateConfig = { ...config, states: rewrite(config.states!, 0) };
  if (path.length > 0) variant.initial = path[0];
  const implementations = loaded.machine.implementations;
  const machine = createMachine(variant as never, {
    ...implementations,
    actions: { ...implementations.actions, [SWITCH_MARK]: () => {} },
  } as never) as unknown as AnyStateMachine;
  if (options.startAt === undefined) markedCache.set(loaded, machine);
  return machine;
}
