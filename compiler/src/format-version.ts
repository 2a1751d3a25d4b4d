/**
 * The machine format version a compiled machine needs: 1 unless it uses a feature of format
 * version 2 (docs/machine-format.md, "Format version 2 (2026-12)"), so that old flows compile to
 * the same bytes and an old terminal refuses a machine it cannot run. One predicate per feature.
 */
import type { MachineJson, StateJson } from '@voiceman/runtime';

type Feature = (machine: MachineJson) => boolean;

function someState(states: Record<string, StateJson>, test: (state: StateJson) => boolean): boolean {
  for (const key in states) {
    const state = states[key]!;
    if (test(state) || (state.states && someState(state.states, test))) return true;
  }
  return false;
}

const FEATURES: Record<string, Feature> = {
  // A GET request marked as a write (back up stops after it).
  writeMark: (m) => someState(m.states, (s) => (s.entry ?? []).some((a) => a.type === 'vm.request' && a.params.write === true)),
  // Built-in words switched off or rephrased by the process.
  builtinWords: (m) => m.meta.vm.builtinWords !== undefined,
  // An ask that hears words of its own (in-place words declared on the ask).
  askWords: (m) => someState(m.states, (s) => (s.entry ?? []).some((a) => a.type === 'vm.ask' && a.params.words !== undefined)),
};

export function machineFormatVersion(machine: MachineJson): 1 | 2 {
  return Object.values(FEATURES).some((uses) => uses(machine)) ? 2 : 1;
}
