/** `voiceman test --faults` (filled in by the fault-injection step). */
import type { LoadedScenario } from './test-command.js';

export type FaultSummary = { process: string }[];

export async function runFaults(_loaded: LoadedScenario[]): Promise<FaultSummary> {
  return [];
}

export function formatFaultTable(_summary: FaultSummary): string {
  return '';
}
