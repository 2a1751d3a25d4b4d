/** Replay of logged sessions: what goes in (a session's events) and what comes out (the comparison). */
import type { JsonValue } from '@voiceman/runtime';

/**
 * One logged dialog event as far as the replay reads it: the runtime's `DialogEvent` and the
 * server's stored event (history) both have this shape.
 */
export interface LoggedEvent {
  seq: number;
  type: string;
  state: string | null;
  data: { [key: string]: unknown };
}

/** What the operator did at one listen, as the terminal's recogniser reported it. */
export type ReplayInput =
  | { kind: 'speech'; text: string; confidence: number; alternatives?: { text: string; confidence: number }[] }
  | { kind: 'silence' };

/** One WMS call of a step, as compared (the URL without its origin: a site's WMS address is not the flow's behaviour). */
export interface StepRequest {
  node: string | null;
  method: string;
  path: string;
  body?: JsonValue;
  /** How it was answered: `200`, `HTTP 503`, `timeout after 5000 ms`, … (shown, not compared). */
  answer?: string;
}

/**
 * Step n: what the dialog did after the operator's n-th input (0 = from the start to the first
 * listen): the prompts it said, the states it entered, the WMS calls it made, where it waits or
 * ended. `requests` is a list (a step may call the WMS several times); the lead's contract
 * names the field `request`.
 */
export interface ReplayStep {
  step: number;
  input?: ReplayInput;
  prompts: string[];
  /** States entered during the step, in order. */
  path: string[];
  /** Where the dialog waits (or ended) after the step. */
  state: string | null;
  requests?: StepRequest[];
  end?: { status: string; result?: JsonValue };
}

export type ReplayVerdict = 'same' | 'diverged' | 'inconclusive';

/** The verdict of one session, as listed (the side-by-side steps are in `SessionReplay`). */
export interface ReplayOutcome {
  verdict: ReplayVerdict;
  /** The step where it diverged, or where the replay could not go on. */
  step?: number;
  /** Why it diverged (what differs) or why it is inconclusive. */
  reason?: string;
  /** The original's side of the first difference, in words. */
  expected?: string;
  /** The replayed side. */
  actual?: string;
}

export interface SessionReplay extends ReplayOutcome {
  original: ReplayStep[];
  replayed: ReplayStep[];
  /** Index into both step lists of the first difference, null when none. */
  divergedAt: number | null;
}
