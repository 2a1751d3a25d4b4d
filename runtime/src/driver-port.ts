/** What the ask and request runners need from the dialog's driver. */
import type { DialogEventType } from './dialog-event.js';
import type { JsonValue, Lang } from './format.js';
import type { Host, ListenResult, ListenVocabulary } from './host.js';
import type { EventLike } from './context.js';

/** An ask's counters (and a pending read-back), persisted with the session. */
export interface AskProgress {
  stateId: string;
  noInput: number;
  noMatch: number;
  confirming?: { name: string; value: JsonValue; text: string; confidence: number };
}

export type PromptReason = 'prompt' | 'reprompt' | 'help' | 'repeat' | 'say' | 'confirm';

export interface DriverPort {
  readonly host: Host;
  emit(type: DialogEventType, state: string, data: { [key: string]: JsonValue }): void;
  speak(text: string, language: Lang, stateId: string, reason: PromptReason): Promise<void>;
  /** `host.listen`, retried once after a short delay when it rejects (see dialog.ts). */
  listen(vocabulary: ListenVocabulary, options: { timeoutMs: number; stateId: string }): Promise<ListenResult>;
  /** False once the job was interrupted (dialog stopped, or an outside event moved the dialog). */
  live(token: number): boolean;
  /** Ends the current job and sends its result into the machine. False when the state refuses it. */
  finish(token: number, event: EventLike): boolean;
  /** Whether the machine, where it is now, accepts `event`. */
  accepts(event: EventLike): boolean;
  saveProgress(progress: AskProgress | null): Promise<void>;
  progress(): AskProgress | null;
}
