/**
 * Node outcomes = the machine's transitions: every `on` event, `always` branch and subflow
 * `onDone` of every state, keyed `source --event--> target`. The list is read from the compiled
 * machine; the ones a run takes come from XState's own microstep inspection (source, event and
 * targets exactly as XState took them), so nothing re-derives which guard won.
 */
import type { DialogInspectionEvent, DialogInspector, LoadedMachine, StateJson, TransitionJson } from '@voiceman/runtime';

export interface Outcome {
  key: string;
  /** State (or the machine's root id) the transition is defined on. */
  source: string;
  /** `ANSWER.<outcome>`, `NOINPUT`, `REQUEST.OK`, `GLOBAL.<word>`, `always`, `xstate.done.state.<id>`. */
  event: string;
  target: string;
}

export const outcomeKey = (source: string, event: string, target: string): string => `${source} --${event}--> ${target}`;

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const targetOf = (t: TransitionJson, source: string): string => (t.target ? t.target.replace(/^#/, '') : source);

/** Every outcome of the machine, once each, in document order. */
export function machineOutcomes(machine: LoadedMachine): Outcome[] {
  const out = new Map<string, Outcome>();
  const add = (source: string, event: string, transitions: TransitionJson[]) => {
    for (const t of transitions) {
      const target = targetOf(t, source);
      const key = outcomeKey(source, event, target);
      if (!out.has(key)) out.set(key, { key, source, event, target });
    }
  };
  const visit = (id: string, node: Pick<StateJson, 'on' | 'always' | 'onDone' | 'states'>) => {
    for (const [event, transitions] of Object.entries(node.on ?? {})) add(id, event, asArray(transitions));
    add(id, 'always', asArray(node.always));
    add(id, `xstate.done.state.${id}`, asArray(node.onDone));
    for (const [key, child] of Object.entries(node.states ?? {})) visit(child.id ?? key, child);
  };
  visit(machine.json.id, machine.json as never);
  return [...out.values()];
}

/** An inspector that counts the outcomes a dialog takes, and keeps them in order. */
export function outcomeRecorder(): { inspect: DialogInspector; counts: Record<string, number>; taken: string[] } {
  const counts: Record<string, number> = {};
  const taken: string[] = [];
  const inspect = (ev: DialogInspectionEvent) => {
    if (ev.type !== 'microstep') return;
    for (const t of ev.transitions) {
      const key = outcomeKey(t.source, t.eventType === '' ? 'always' : t.eventType, t.targets[0] ?? t.source);
      counts[key] = (counts[key] ?? 0) + 1;
      taken.push(key);
    }
  };
  return { inspect, counts, taken };
}
