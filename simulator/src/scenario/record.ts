/**
 * A scenario from a finished simulation: its inputs, the WMS answers it got (as stubs, per
 * request node, in order), the prompts of every step and the end. Used to record the example
 * scenarios against the mock WMS and to write generated skeletons.
 */
import type { JsonValue } from '@voiceman/runtime';
import type { SimView, StubAnswer, WmsStubs } from '../types.js';
import { SCENARIO_FORMAT_VERSION, type Scenario, type ScenarioStep } from './format.js';

export interface RecordOptions {
  name: string;
  process: string;
  description?: string;
  language?: string;
  input?: Record<string, JsonValue>;
  /** Leave the prompts out (a skeleton for review). */
  withoutPrompts?: boolean;
}

/** The stubs that give the same WMS answers again. */
export function stubsFromView(view: SimView): WmsStubs {
  const stubs: WmsStubs = {};
  for (const t of view.transcript) {
    if (t.kind !== 'wms' || !t.wms || t.state === null) continue;
    let answer: StubAnswer;
    if (t.wms.status !== undefined) answer = { status: t.wms.status, ...(t.wms.responseBody !== undefined && t.wms.responseBody !== null ? { body: t.wms.responseBody } : {}) };
    else if (t.wms.error?.startsWith('timeout')) answer = { timeout: true };
    else answer = { networkError: t.wms.error ?? 'network error' };
    (stubs[t.state] ??= []).push(answer);
  }
  return stubs;
}

export function recordScenario(view: SimView, options: RecordOptions): Scenario {
  const prompts = (step: number) => view.transcript.filter((t) => t.kind === 'say' && t.step === step).map((t) => t.text ?? '');
  const steps: ScenarioStep[] = [];
  for (const t of view.transcript) {
    let step: ScenarioStep | null = null;
    if (t.kind === 'silence') step = { silence: true };
    else if (t.kind === 'answer') step = t.confidence !== undefined && t.confidence < 0.5 && t.text === '' ? { unclear: true } : { say: t.text ?? '' };
    if (!step) continue;
    if (!options.withoutPrompts) step.expect = { prompts: prompts(steps.length + 1) };
    steps.push(step);
  }
  const scenario: Scenario = {
    formatVersion: SCENARIO_FORMAT_VERSION,
    name: options.name,
    ...(options.description ? { description: options.description } : {}),
    process: options.process,
    ...(options.language ? { language: options.language } : {}),
    ...(options.input ? { input: options.input } : {}),
    stubs: stubsFromView(view),
    ...(options.withoutPrompts ? {} : { start: { prompts: prompts(0) } }),
    steps,
  };
  if (view.result) {
    scenario.end = {
      status: view.result.status,
      state: view.result.stateId,
      ...(view.result.result !== undefined ? { result: view.result.result } : {}),
      ...(view.result.outcome !== undefined ? { outcome: view.result.outcome } : {}),
    };
  }
  return scenario;
}
