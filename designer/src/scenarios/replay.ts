/**
 * Opens a scenario in the Simulate panel at a step: the panel takes the scenario's language,
 * input variables and WMS stubs (its forms too, so "New run" runs the same again), starts, and
 * sends the scenario's inputs up to the step, in order.
 */
import type { Lang } from '@voiceman/runtime';
import type { StubAnswer, WmsStubs } from '@voiceman/simulator';
import { valueText } from '../simulate/run-inputs.js';
import type { SimStore } from '../simulate/sim-store.js';
import type { StubDraft, StubForm } from '../simulate/stub-form.js';
import type { ReplayPlan } from './difference.js';

function draftOf(answer: StubAnswer): StubDraft {
  if ('timeout' in answer) return { type: 'timeout' };
  if ('networkError' in answer) return { type: 'networkError', message: answer.networkError };
  return {
    type: 'response',
    status: answer.status,
    body: answer.body === undefined ? '' : JSON.stringify(answer.body, null, 2),
    delayMs: answer.delayMs ?? 0,
  };
}

/** The stub form that `toStubs` turns back into these stubs. */
export function stubFormOf(stubs: WmsStubs): StubForm {
  return Object.fromEntries(Object.entries(stubs).map(([state, answers]) => [state, answers.map(draftOf)]));
}

export async function replayInSimulator(sim: SimStore, plan: ReplayPlan, languages: readonly string[]): Promise<void> {
  const s = sim.getState();
  s.setStubForm(() => stubFormOf(plan.stubs));
  for (const [name, value] of Object.entries(plan.input)) s.setInputText(name, valueText(value));
  // A scenario without a language runs in the process's first one (the runtime's default), as on the server.
  const language = (plan.language && languages.includes(plan.language) ? plan.language : (languages[0] ?? s.settings.language)) as Lang;
  s.setSettings({ language, input: plan.input, stubs: plan.stubs });
  await s.start();
  for (const input of plan.inputs) {
    const view = sim.getState().view;
    if (sim.getState().phase !== 'running' || view?.status !== 'waiting') break;
    await sim.getState().send(input);
  }
}
