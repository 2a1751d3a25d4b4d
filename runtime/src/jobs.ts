/** Effect jobs: what effect actions hand to the dialog's driver (JSON, persisted for resume). */
import type { Backoff, Lang } from './format.js';
import type { HttpRequest } from './host.js';

export interface AskPolicyJob {
  reprompts: string[];
  maxAttempts: number;
}

/** An ask with its texts and bounds resolved when the state was entered. */
export interface AskJob {
  kind: 'ask';
  stateId: string;
  language: Lang;
  prompt: string;
  help?: string;
  noInput: AskPolicyJob;
  noMatch: AskPolicyJob;
  bounds: Record<string, { min?: number; max?: number }>;
  timeoutMs: number;
  minConfidence: number;
  /** Confidence below which (and at or above `minConfidence`) an answer is read back first. */
  confirmBelow?: number;
  /** Wrong answers of a checked ask that send `WRONG`. */
  wrongLimit?: number;
  /** False: the prompts are heard in full. */
  bargeIn?: false;
}

export type Job =
  | { kind: 'say'; stateId: string; text: string; language: Lang }
  | AskJob
  | { kind: 'request'; stateId: string; request: HttpRequest; retries: number; retryStatuses?: number[]; backoff?: Backoff; write?: true };
