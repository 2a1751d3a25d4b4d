/**
 * A scenario as the server accepts it: the simulator's format (`parseScenario`, the same check
 * as `voiceman test`), the server's limits, and `process` set to the process it is stored under.
 */
import { parseScenario, ScenarioFormatError, type Scenario } from '@voiceman/simulator';
import { HttpError } from '../errors.js';

export const SCENARIO_LIMITS = {
  /** Scenarios stored per process. */
  perProcess: 500,
  /** Inputs per scenario (the format allows more; a run of one must stay short). */
  steps: 2000,
  /** Bytes of one scenario's JSON. */
  bytes: 1024 * 1024,
} as const;

/** `/steps/3/expect/prompts/0` → `step 4, expect, prompt 1`: the pointer as a tester reads it. */
export function fieldInWords(pointer: string): string {
  if (pointer === '') return 'the scenario as a whole';
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const words: string[] = [];
  parts.forEach((part, i) => {
    if (!/^\d+$/.test(part)) {
      // A list's name is said with its item ("step 4"), not on its own.
      if (/^\d+$/.test(parts[i + 1] ?? '') && (part === 'steps' || part === 'prompts')) return;
      words.push(part);
      return;
    }
    const n = Number(part) + 1;
    const list = parts[i - 1];
    words.push(list === 'steps' ? `step ${n}` : list === 'prompts' ? `prompt ${n}` : `item ${n}`);
  });
  return words.join(', ');
}

export function badScenario(field: string, detail: string, index?: number): HttpError {
  const where = index === undefined ? '' : `scenario ${index + 1}: `;
  return new HttpError(400, 'bad_scenario', `${where}${field ? `field ${field} (${fieldInWords(field)})` : 'the scenario'}: ${detail}`, {
    field, ...(index === undefined ? {} : { index }),
  });
}

/**
 * Checks one scenario of a request body; throws 400 `bad_scenario` with `field` (a JSON pointer)
 * and a message that says it in words. Returns the scenario with `process` = `processKey`.
 */
export function acceptScenario(value: unknown, processKey: string, index?: number): Scenario {
  // `process` belongs to the URL: a scenario copied from another process is stored under this one.
  const withProcess = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object), process: processKey } : value;
  const text = JSON.stringify(withProcess);
  if (Buffer.byteLength(text) > SCENARIO_LIMITS.bytes) {
    throw badScenario('', `is ${Buffer.byteLength(text)} bytes; at most ${SCENARIO_LIMITS.bytes} bytes (1 MiB) are stored`, index);
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(text, 'scenario');
  } catch (error) {
    if (error instanceof ScenarioFormatError) throw badScenario(error.field, error.detail, index);
    throw error;
  }
  if (scenario.steps.length > SCENARIO_LIMITS.steps) {
    throw badScenario('/steps', `has ${scenario.steps.length} steps; at most ${SCENARIO_LIMITS.steps} are stored`, index);
  }
  return scenario;
}
