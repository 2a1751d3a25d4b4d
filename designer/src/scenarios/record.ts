/**
 * "Save as scenario": the Simulate panel's run as a scenario, with the simulator's own
 * recorder (inputs in order, the WMS answers as stubs, prompts as expectations, the end), plus
 * the run's language and input variables so it replays as it ran.
 */
import type { JsonValue } from '@voiceman/runtime';
import { recordScenario, type Scenario, type SimView } from '@voiceman/simulator';

/** The server's limit on a name is the schema's; this is what the form checks before sending. */
export const MAX_NAME_LENGTH = 200;

export type NameProblem = 'empty' | 'tooLong' | 'taken';

export function nameProblem(name: string, taken: readonly string[] = []): NameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > MAX_NAME_LENGTH) return 'tooLong';
  return taken.includes(trimmed) ? 'taken' : null;
}

export interface RunToSave {
  view: SimView;
  processKey: string;
  language: string;
  input: Record<string, JsonValue>;
}

export function scenarioFromRun(run: RunToSave, name: string, description = ''): Scenario {
  return recordScenario(run.view, {
    name: name.trim(),
    process: run.processKey,
    language: run.language,
    ...(description.trim() ? { description: description.trim() } : {}),
    ...(Object.keys(run.input).length > 0 ? { input: run.input } : {}),
  });
}

/** A run worth saving: it started and the operator said something, or it already ended. */
export function canSave(view: SimView | null): view is SimView {
  return view !== null && (view.steps > 0 || view.result !== undefined);
}
