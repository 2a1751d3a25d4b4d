/**
 * Runs one scenario against a compiled machine on the simulator's own session object and
 * reports the first difference (by step number) and the outcomes it took.
 */
import type { JsonValue, LoadedMachine } from '@voiceman/runtime';
import { createSimulation } from '../session.js';
import { StubError } from '../stubs.js';
import type { Fetcher, SimView } from '../types.js';
import { inputOf, type PromptMatcher, type Scenario, type StepExpectation } from './format.js';
import { outcomeRecorder } from './outcomes.js';

export interface ScenarioDifference {
  /** 0 = before the first input; n = after input n. */
  step: number;
  kind: 'prompt' | 'state' | 'variable' | 'end' | 'input' | 'stub';
  message: string;
  expected?: JsonValue;
  actual?: JsonValue;
}

export interface ScenarioRun {
  name: string;
  process: string;
  passed: boolean;
  difference?: ScenarioDifference;
  /** Outcome key → times taken (see outcomes.ts). */
  outcomes: Record<string, number>;
  /** Outcome keys in the order taken. */
  taken: string[];
  /** Inputs actually given. */
  steps: number;
  /** How the dialog stands at the end of the run. */
  status: SimView['status'];
  stateId: string | null;
  view: SimView;
}

export interface RunScenarioOptions {
  machine: LoadedMachine;
  versionHash?: string;
  /** Unstubbed requests (default: none, an unstubbed request is a network error). */
  fetcher?: Fetcher;
}

export function describeMatcher(m: PromptMatcher): string {
  if (typeof m === 'string') return JSON.stringify(m);
  return 'contains' in m ? `text containing ${JSON.stringify(m.contains)}` : `text matching /${m.matches}/`;
}

export function promptMatches(m: PromptMatcher, text: string): boolean {
  if (typeof m === 'string') return m === text;
  if ('contains' in m) return text.includes(m.contains);
  return new RegExp(m.matches, 'u').test(text);
}

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The first difference between an expectation and the view after `step`, or null. */
export function checkExpectation(e: StepExpectation | undefined, step: number, view: SimView): ScenarioDifference | null {
  if (!e) return null;
  if (e.prompts) {
    const said = view.transcript.filter((t) => t.kind === 'say' && t.step === step).map((t) => t.text ?? '');
    for (let i = 0; i < Math.max(e.prompts.length, said.length); i++) {
      const m = e.prompts[i];
      const text = said[i];
      if (m !== undefined && text !== undefined && promptMatches(m, text)) continue;
      const expected = m === undefined ? null : typeof m === 'string' ? m : (m as JsonValue);
      const message =
        m === undefined ? `step ${step}, prompt ${i + 1}: expected no more prompts, heard ${JSON.stringify(text)}`
        : text === undefined ? `step ${step}, prompt ${i + 1}: expected ${describeMatcher(m)}, heard nothing more`
        : `step ${step}, prompt ${i + 1}: expected ${describeMatcher(m)}, heard ${JSON.stringify(text)}`;
      return { step, kind: 'prompt', message, expected, actual: text ?? null };
    }
  }
  if (e.state !== undefined && e.state !== view.stateId) {
    return { step, kind: 'state', message: `step ${step}: expected to be in state "${e.state}", is in "${view.stateId}"`, expected: e.state, actual: view.stateId };
  }
  for (const [scope, values] of Object.entries(e.variables ?? {})) {
    for (const [name, expected] of Object.entries(values)) {
      const actual = view.variables[scope]?.[name];
      if (!same(expected, actual)) {
        return { step, kind: 'variable', message: `step ${step}: expected ${scope}.${name} = ${JSON.stringify(expected)}, is ${actual === undefined ? 'not set' : JSON.stringify(actual)}`, expected, actual: actual ?? null };
      }
    }
  }
  return null;
}

function checkEnd(scenario: Scenario, view: SimView): ScenarioDifference | null {
  const end = scenario.end;
  if (!end) return null;
  const step = view.steps;
  if (!view.result) {
    return { step, kind: 'end', message: `step ${step}: expected the end${end.state ? ` in "${end.state}"` : ''}, the dialog still waits in "${view.stateId}"`, expected: end as JsonValue, actual: { status: view.status, state: view.stateId } };
  }
  const actual = { status: view.result.status, state: view.result.stateId, result: view.result.result ?? null, ...(view.result.outcome !== undefined ? { outcome: view.result.outcome } : {}) };
  const wrong =
    (end.status !== undefined && end.status !== actual.status) ||
    (end.state !== undefined && end.state !== actual.state) ||
    (end.result !== undefined && !same(end.result, actual.result)) ||
    (end.outcome !== undefined && end.outcome !== actual.outcome);
  if (!wrong) return null;
  return { step, kind: 'end', message: `step ${step}: expected the end ${canonical(end)}, got ${canonical(actual)}${view.result.error ? ` (${view.result.error})` : ''}`, expected: end as JsonValue, actual };
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioRun> {
  const recorder = outcomeRecorder();
  const finish = (view: SimView, difference: ScenarioDifference | null): ScenarioRun => ({
    name: scenario.name, process: scenario.process, passed: difference === null,
    ...(difference ? { difference } : {}),
    outcomes: recorder.counts, taken: recorder.taken, steps: view.steps, status: view.status, stateId: view.stateId, view,
  });
  let sim;
  try {
    sim = createSimulation({
      machine: options.machine, processKey: scenario.process, versionHash: options.versionHash ?? 'scenario',
      ...(scenario.language ? { language: scenario.language as never } : {}),
      ...(scenario.input ? { input: scenario.input } : {}),
      ...(scenario.stubs ? { stubs: scenario.stubs } : {}),
      ...(options.fetcher ? { fetcher: options.fetcher } : {}),
      inspect: recorder.inspect,
    });
  } catch (error) {
    if (!(error instanceof StubError)) throw error;
    const empty = { status: 'error', stateId: null, activeStates: [], expecting: null, transcript: [], variables: {}, lastChanged: null, events: [], visited: {}, edges: {}, steps: 0 } satisfies SimView;
    return finish(empty, { step: 0, kind: 'stub', message: error.message });
  }
  try {
    let view = await sim.start();
    let difference = checkExpectation(scenario.start, 0, view);
    for (let i = 0; i < scenario.steps.length && !difference; i++) {
      if (view.status !== 'waiting') {
        const how = view.result ? `ended (${view.result.status}) in "${view.result.stateId}"${view.result.error ? `: ${view.result.error}` : ''}` : `is ${view.status}`;
        difference = { step: i + 1, kind: 'input', message: `step ${i + 1}: the scenario has an input, but the dialog ${how}`, expected: 'waiting', actual: view.status };
        break;
      }
      view = await sim.send(inputOf(scenario.steps[i]!));
      difference = checkExpectation(scenario.steps[i]!.expect, i + 1, view);
    }
    return finish(view, difference ?? checkEnd(scenario, view));
  } finally {
    sim.dispose();
  }
}
