/** Effect jobs: what effect actions hand to the dialog's driver (JSON, persisted for resume). */
import type { Lang } from './format.js';
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
}

export type Job =
  | { kind: 'say'; stateId: string; text: string; language: Lang }
  | AskJob
  | { kind: 'request'; stateId: string; request: HttpRequest; retries: number; write?: true };
