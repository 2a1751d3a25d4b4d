/**
 * A failed scenario's first difference as the panel shows it (expected vs actual, as text),
 * and what the Simulate panel needs to stand at that step: the run settings of the scenario
 * and its inputs up to the step.
 */
import type { JsonValue } from '@voiceman/runtime';
import { inputOf, type Scenario, type ScenarioDifference, type SimInput, type WmsStubs } from '@voiceman/simulator';

export interface DifferenceText {
  step: number;
  kind: ScenarioDifference['kind'];
  expected: string;
  actual: string;
  message: string;
}

/** A prompt text as it is, anything else (a matcher, the end, null) as compact JSON. */
export function valueText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function differenceText(d: ScenarioDifference): DifferenceText {
  return { step: d.step, kind: d.kind, expected: valueText(d.expected), actual: valueText(d.actual), message: d.message };
}

export interface ReplayPlan {
  language?: string;
  input: Record<string, JsonValue>;
  stubs: WmsStubs;
  /** Inputs to send after the start: the scenario's first `step` ones. */
  inputs: SimInput[];
}

/**
 * Step n of a difference is "after input n" (0 = before the first), so standing at it means
 * sending the first n inputs; an end difference names the step after the last input.
 */
export function replayPlan(scenario: Scenario, step: number): ReplayPlan {
  const count = Math.max(0, Math.min(step, scenario.steps.length));
  return {
    ...(scenario.language ? { language: scenario.language } : {}),
    input: scenario.input ?? {},
    stubs: scenario.stubs ?? {},
    inputs: scenario.steps.slice(0, count).map(inputOf),
  };
}
