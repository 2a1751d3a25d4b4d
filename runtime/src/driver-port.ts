/** What the ask and request runners need from the dialog's driver. */
import type { DialogEventType } from './dialog-event.js';
import type { JsonValue, Lang } from './format.js';
import type { Host } from './host.js';
import type { EventLike } from './context.js';

/** An ask's counters (and a pending read-back), persisted with the session. */
export interface AskProgress {
  stateId: string;
  noInput: number;
  noMatch: number;
  /** Wrong answers to a checked ask so far (absent: none). */
  wrong?: number;
  /** A pending read-back; `heard`: of an answer heard in the confidence band ("42?"). */
  confirming?: { name: string; value: JsonValue; text: string; confidence: number; heard?: true };
}

export type PromptReason = 'prompt' | 'reprompt' | 'help' | 'repeat' | 'say' | 'confirm' | 'wrong' | 'word';

export interface DriverPort {
  readonly host: Host;
  emit(type: DialogEventType, state: string, data: { [key: string]: JsonValue }): void;
  speak(text: string, language: Lang, stateId: string, reason: PromptReason): Promise<void>;
  /** After a host call failed once (`first`): waits a short delay and calls it again; a second failure ends the dialog (see dialog.ts). */
  retryHost<T>(code: 'host.speak' | 'host.listen', call: () => Promise<T>, first: unknown, token: number): Promise<T>;
  /** False once the job was interrupted (dialog stopped, or an outside event moved the dialog). */
  live(token: number): boolean;
  /** Ends the current job and sends its result into the machine. False when the state refuses it. */
  finish(token: number, event: EventLike): boolean;
  /** Whether the machine, where it is now, accepts `event`. */
  accepts(event: EventLike): boolean;
  /** Queues a write of the session record with this progress (in order after earlier writes; never rejects). */
  saveProgress(progress: AskProgress | null): Promise<void>;
  progress(): AskProgress | null;
  /**
   * A built-in word that acts outside the ask (back up, the voice words). Resolves with the
   * reply to speak before the ask prompts again, or null when the dialog moved (backed up).
   */
  builtinWord(name: 'backUp' | 'louder' | 'softer' | 'faster' | 'slower', token: number): Promise<string | null>;
}
