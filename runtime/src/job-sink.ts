/**
 * Where effect actions deliver their jobs, and where the step hooks report microsteps. Every
 * dialog shares its machine's one XState machine; the dialog makes each actor call (create,
 * start, send) inside `runWithSink`, and the actions, which XState runs synchronously within
 * that call, hand their jobs (and steps) to the active sink. A per-dialog
 * `machine.provide({ actions })` did the same but rebuilt every state node per dialog: about
 * 120 KiB and most of a dialog's start time for a 60-state process.
 */
import type { DialogContext, EventLike } from './context.js';
import type { Job } from './jobs.js';

export type JobSink = (job: Job) => void;

/**
 * The step hooks the loader adds to the machine (load.ts): an entered hook (`enteredHook`) ends
 * the entry actions of every atomic state, `vm.step` ends the actions of an eventless transition
 * and of a targetless one. Each microstep ends with one of them (the entered leaf's, or a targetless
 * transition's), so its `context` is the microstep's result: the driver records variables and
 * transitions from them, as XState's inspection `@xstate.microstep` would give them, without
 * paying for inspection on every event, action and snapshot.
 */
export interface StepTransition {
  /** An `always` transition (its microstep reports the event that started the macrostep). */
  eventless: boolean;
  /** No target: the microstep ends with this transition's actions, in the same state. */
  targetless: boolean;
}

export interface StepSink {
  /** An eventless or targetless transition's actions ran (a targetless microstep ends here). */
  transition(t: StepTransition, context: DialogContext): void;
  /** An atomic state was entered: its microstep ends here. */
  entered(stateId: string, context: DialogContext, event: EventLike): void;
}

export const STEP_ACTION = 'vm.step';

let active: JobSink | null = null;
let activeSteps: StepSink | null = null;

export function runWithSink<T>(sink: JobSink, fn: () => T, steps: StepSink | null = null): T {
  const previous = active;
  const previousSteps = activeSteps;
  active = sink;
  activeSteps = steps;
  try {
    return fn();
  } finally {
    active = previous;
    activeSteps = previousSteps;
  }
}

/** The sink of the dialog whose actor call is running. */
export function deliverJob(job: Job): void {
  if (!active) throw new Error('effect actions run only inside a dialog (createDialog)');
  active(job);
}

/**
 * The entered hook of one state, as an inline action: XState calls an inline function directly,
 * without looking up an implementation by name and resolving params (one of these per event).
 */
export function enteredHook(stateId: string): (args: { context: DialogContext; event: EventLike }) => void {
  return function vmEntered(args) {
    activeSteps?.entered(stateId, args.context, args.event);
  };
}

/** The step hooks' implementations: outside a dialog (tools, tests, the bench) they do nothing. */
export const stepActions = {
  [STEP_ACTION]: (args: { context: DialogContext }, params: StepTransition) => activeSteps?.transition(params, args.context),
};
