/** What the tester sees of a simulation at one moment. */
import type { Dialog, DialogEvent, DialogResult, JsonValue, LoadedMachine } from '@voiceman/runtime';
import type { PendingListen } from './sim-host.js';
import type { TranscriptBuilder } from './transcript.js';
import type { Expectation, SimView } from './types.js';

export interface ViewSource {
  machine: LoadedMachine;
  events: DialogEvent[];
  transcript: TranscriptBuilder;
  dialog: Dialog | null;
  waiting: PendingListen | null;
  result: DialogResult | undefined;
}

/** The state and its ancestors, outermost first. */
export function activeStatesOf(machine: LoadedMachine, leaf: string | null): string[] {
  const out: string[] = [];
  for (let id = leaf; id !== null && Object.hasOwn(machine.states, id); id = machine.states[id]!.parentId) out.unshift(id);
  return out;
}

export function expectationOf(machine: LoadedMachine, waiting: PendingListen): Expectation {
  const { vocabulary, stateId, timeoutMs } = waiting;
  const ask = machine.asks[stateId];
  const expectation: Expectation = {
    stateId,
    phrases: [...vocabulary.phrases],
    language: vocabulary.language,
    confidenceThreshold: ask?.minConfidence ?? machine.meta.settings.minConfidence,
    timeoutMs,
  };
  if (vocabulary.digits) expectation.digits = { ...vocabulary.digits };
  if (vocabulary.numbers) expectation.numbers = { ...vocabulary.numbers };
  return expectation;
}

/** A view whose arrays and maps are copies: later steps never change a view handed out. */
export function buildView(source: ViewSource): SimView {
  const { machine, events, transcript: t, dialog, waiting, result } = source;
  const state = dialog?.state();
  const stateId = result?.stateId ?? state?.stateId ?? null;
  const view: SimView = {
    status: waiting ? 'waiting' : result ? (result.status === 'error' ? 'error' : 'done') : 'busy',
    stateId,
    activeStates: activeStatesOf(machine, stateId),
    expecting: waiting ? expectationOf(machine, waiting) : null,
    transcript: t.entries.slice(),
    variables: (state?.variables ?? {}) as Record<string, Record<string, JsonValue>>,
    lastChanged: t.lastChanged,
    events: events.slice(),
    visited: { ...t.visited },
    edges: { ...t.edges },
    steps: t.steps,
  };
  if (result) view.result = result;
  return view;
}
