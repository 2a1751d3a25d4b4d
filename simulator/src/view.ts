/** What the tester sees of a simulation at one moment, derived from its dialog events. */
import type { Dialog, DialogEvent, DialogResult, JsonValue, Lang, LoadedMachine } from '@voiceman/runtime';
import type { PendingListen } from './sim-host.js';
import { toTranscript } from './transcript.js';
import type { Expectation, SimView } from './types.js';

export interface ViewSource {
  machine: LoadedMachine;
  events: DialogEvent[];
  dialog: Dialog | null;
  waiting: PendingListen | null;
  result: DialogResult | undefined;
  language: Lang | undefined;
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

export function buildView(source: ViewSource): SimView {
  const { machine, events, dialog, waiting, result } = source;
  const transcript = toTranscript(events);
  const visited: Record<string, number> = {};
  const edges: Record<string, number> = {};
  let lastChanged: SimView['lastChanged'] = null;
  let steps = 0;
  for (const e of events) {
    if (e.type === 'transition') {
      const to = e.state ?? '';
      visited[to] = (visited[to] ?? 0) + 1;
      if (typeof e.data.from === 'string') {
        const edge = `${e.data.from}->${to}`;
        edges[edge] = (edges[edge] ?? 0) + 1;
      }
    } else if (e.type === 'variable') lastChanged = { scope: String(e.data.scope), name: String(e.data.name) };
    else if (e.type === 'hypothesis' || e.type === 'silence') steps += 1;
  }
  const state = dialog?.state();
  const stateId = result?.stateId ?? state?.stateId ?? null;
  const view: SimView = {
    status: waiting ? 'waiting' : result ? (result.status === 'error' ? 'error' : 'done') : 'busy',
    stateId,
    activeStates: activeStatesOf(machine, stateId),
    expecting: waiting ? expectationOf(machine, waiting) : null,
    transcript,
    variables: (state?.variables ?? {}) as Record<string, Record<string, JsonValue>>,
    lastChanged,
    events: [...events],
    visited,
    edges,
    steps,
  };
  if (result) view.result = result;
  return view;
}
