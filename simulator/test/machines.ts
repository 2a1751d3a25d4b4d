/** Machines for the simulator's tests: the runtime's own realistic fixtures, loaded. */
import { loadMachine, type LoadedMachine, type MachineJson } from '@voiceman/runtime';
import { clone, pickMachine } from '../../runtime/test/fixtures.js';

export const assignment = { aisle: 12, slot: '4A', qty: 3, checkDigits: '57' };

/** Welcome → operator id (3 digits, read back) → POST assignment (retries 1, 3 s) → slot → quantity → done. */
export function pick(change?: (json: MachineJson) => void): LoadedMachine {
  const json = clone(pickMachine);
  change?.(json);
  return loadMachine(json);
}

export const base = { processKey: 'case-pick', versionHash: 'test' } as const;
