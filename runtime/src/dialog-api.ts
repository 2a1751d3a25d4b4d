/** What an embedder sees of a running dialog: its options, its handle, its result (dialog.ts runs it). */
import type { DialogEvent } from './dialog-event.js';
import type { JsonValue, Lang } from './format.js';
import type { EventLike } from './context.js';
import type { SiteSettings } from './site-settings.js';
import type { StartAt } from './switch.js';
import type { DialogInspector } from './inspect.js';

export interface DialogOptions {
  sessionId: string;
  terminalId: string;
  operatorId?: string | null;
  versionHash: string;
  language?: Lang;
  /** Initial values of the process's own (`main`) variables. */
  input?: Record<string, JsonValue>;
  /**
   * A stored session saved by another machine version (or process): `'error'` (default) ends
   * the dialog with an error and keeps the stored record untouched, for the embedder to resume
   * with the right version; `'restart'` drops it and starts the process from the beginning.
   * Either way an `error` dialog event with `code: 'snapshot.version'` says so.
   */
  onVersionMismatch?: 'error' | 'restart';
  /** The site's runtime settings over the process's defaults (see site-settings.ts). */
  settings?: SiteSettings;
  /**
   * Names of input variables that hold secrets (site settings marked secret): their values are
   * replaced with `***` wherever they would appear in a dialog event (see redact.ts).
   */
  secrets?: string[];
  /**
   * Start entering this state with these variables instead of the defaults/input (a terminal
   * taking a new version at a switch point; see switch.ts). A state this version lacks starts
   * from the beginning (`code: 'switch.state'`); unknown or wrong-typed values are dropped
   * (`code: 'switch.variable'`). Ignored when a stored session of `sessionId` is resumed.
   */
  startAt?: StartAt;
  /**
   * Asked when the dialog is about to enter a switch point (`meta.vm.switchPoint`): `true`
   * stops before that state's jobs, `done` resolves `status: 'switched'` with its variables.
   */
  switchPoint?: (stateId: string) => boolean;
  /** Observes the machine's actor, events, snapshots and microsteps (see inspect.ts). */
  inspect?: DialogInspector;
}

export interface DialogResult {
  status: 'done' | 'error' | 'stopped' | 'switched';
  result?: JsonValue;
  stateId: string;
  /** `done`: the outcome the final state names (the flow's end node `outcome`), when it names one. */
  outcome?: string;
  error?: string;
  /** `switched`: the variables as they were before `stateId` (what `startAt` takes). */
  variables?: DialogState['variables'];
}

export interface DialogState {
  stateId: string;
  variables: Record<string, Record<string, JsonValue>>;
}

export interface SendResult {
  accepted: boolean;
  reason?: string;
}

export interface Dialog {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly done: Promise<DialogResult>;
  state(): DialogState;
  /** Dialog events as they happen (the same ones `host.emit` receives). */
  subscribe(listener: (event: DialogEvent) => void): () => void;
  /**
   * Sends a machine event from outside (a simulator button, a supervisor action). Refused
   * visibly (an `error` dialog event, `accepted: false`) when the current state does not take it.
   */
  send(event: EventLike): SendResult;
}
