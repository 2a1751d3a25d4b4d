/**
 * The machine's `formatVersion`: 1 unless the machine uses a feature of format version 2
 * (docs/machine-format.md "Format version 2 (2026-12)"), so a flow that uses none of them
 * compiles to the same bytes as before and an older terminal refuses a machine it cannot run.
 * One predicate per feature; each feature's owner adds its own line.
 */
import type { ActionJson, AskParams, MachineJson, StateJson } from '@voiceman/runtime';

type Predicate = (machine: MachineJson) => boolean;

function* actions(states: Record<string, StateJson>): Generator<ActionJson> {
  for (const state of Object.values(states)) {
    yield* state.entry ?? [];
    if (state.states) yield* actions(state.states);
  }
}

const someAsk = (machine: MachineJson, test: (params: AskParams) => boolean): boolean => {
  for (const a of actions(machine.states)) if (a.type === 'vm.ask' && test(a.params)) return true;
  return false;
};

const VERSION_2_FEATURES: Record<string, Predicate> = {
  // lang-ask: checked answers, conditional read-back, confidence band, barge-in off.
  askRound2: (m) =>
    m.meta.vm.settings.confirmBelow !== undefined ||
    someAsk(m, (p) => p.check !== undefined || p.confirm?.condition !== undefined || p.confirmBelow !== undefined || p.bargeIn !== undefined),
};

export function machineFormatVersion(machine: MachineJson): 1 | 2 {
  return Object.values(VERSION_2_FEATURES).some((uses) => uses(machine)) ? 2 : 1;
}
