/**
 * Where effect actions deliver their jobs. Every dialog shares its machine's one XState
 * machine; the dialog makes each actor call (create, start, send) inside `runWithSink`, and
 * the effect actions, which XState runs synchronously within that call, hand their jobs to
 * the active sink. A per-dialog `machine.provide({ actions })` did the same but rebuilt every
 * state node per dialog: about 120 KiB and most of a dialog's start time for a 60-state process.
 */
import type { Job } from './jobs.js';

export type JobSink = (job: Job) => void;

let active: JobSink | null = null;

export function runWithSink<T>(sink: JobSink, fn: () => T): T {
  const previous = active;
  active = sink;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** The sink of the dialog whose actor call is running. */
export function deliverJob(job: Job): void {
  if (!active) throw new Error('effect actions run only inside a dialog (createDialog)');
  active(job);
}
