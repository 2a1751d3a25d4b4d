/**
 * Everything that touches the world goes through the host the embedder passes in:
 * browser simulator, server simulator, Android shell, QuickJS, tests with a fake.
 */
import type { JsonValue, Lang } from './format.js';
import type { DialogEvent } from './dialog-event.js';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the recogniser may hear in one listen: the host constrains its grammar to it. */
export interface ListenVocabulary {
  language: Lang;
  /** Every phrase accepted here (outcomes, yes/no words, global words, repeat, help). */
  phrases: string[];
  /** Digit strings, spoken digit by digit. */
  digits?: { minLength: number; maxLength: number };
  /** Numbers, spoken as numbers or digit by digit. */
  numbers?: { min?: number; max?: number };
}

export interface Hypothesis {
  text: string;
  confidence: number;
}
export type ListenResult =
  | { kind: 'speech'; text: string; confidence: number; alternatives?: Hypothesis[] }
  | { kind: 'silence' };

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: JsonValue;
  timeoutMs: number;
}
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response was JSON, else text. */
  body: JsonValue;
}

export interface Storage {
  load(key: string): Promise<string | null>;
  save(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface ListenOptions {
  timeoutMs: number;
  stateId: string;
  /**
   * Barge-in: the prompt the host is speaking is still playing. Listen now (the operator may
   * talk over it), start the silence timeout when the prompt ends. Only sent to a host with
   * `stopSpeaking`; without this flag nothing is playing.
   */
  bargeIn?: true;
}

/** The operator's speech settings: volume 0–1, rate 1 = normal (runtime/src/voice-words.ts). */
export interface SpeechSettings {
  volume: number;
  rate: number;
}

export interface Host {
  /** Resolves when the text has been spoken, or when `stopSpeaking` cut it short. */
  speak(text: string, options: { language: Lang; stateId: string }): Promise<void>;
  /** Resolves with speech or silence; the host applies `timeoutMs` as the silence timeout. */
  listen(vocabulary: ListenVocabulary, options: ListenOptions): Promise<ListenResult>;
  /**
   * Optional (barge-in): stop the speech now playing, resolving its `speak`. A host that has it
   * is asked to listen during prompts that allow barge-in (`listen` with `bargeIn: true`), and
   * the runtime calls it when a hypothesis arrives before the prompt ended. A host without it
   * (it cannot listen while it speaks) gets every listen after the prompt ended, as before.
   * Prompts with `bargeIn: false` are always spoken in full before the listen.
   */
  stopSpeaking?(): void;
  /** Rejects on network failure; resolves with any HTTP status. */
  request(request: HttpRequest): Promise<HttpResponse>;
  clock: Clock;
  emit(event: DialogEvent): void;
  storage: Storage;
  randomUUID(): string;
  /**
   * Optional: the speech volume and rate of the signed-on operator, which the voice words
   * ("louder", "slower") step. `set` applies them to every later prompt and keeps them for this
   * operator (the terminal stores them on the server). A host without it: the runtime answers
   * "Voice settings are not available here." and the dialog goes on.
   */
  voice?: {
    get(): SpeechSettings;
    set(settings: SpeechSettings): Promise<void>;
  };
}
