/** The simulator's public types (the contract the designer's panel and the server build on). */
import type { DialogEvent, DialogInspector, DialogResult, HttpRequest, HttpResponse, JsonValue, Lang, LoadedMachine, SiteSettings } from '@voiceman/runtime';

/** What the tester does at a waiting ask. */
export type SimInput =
  /** Free text, matched by the runtime exactly as a terminal's recogniser result. Default confidence 0.95. */
  | { kind: 'speech'; text: string; confidence?: number; alternatives?: { text: string; confidence: number }[] }
  /** Fires the ask's silence timeout at once (virtual clock) or now (real clock). */
  | { kind: 'silence' }
  /** A hypothesis below the ask's confidence threshold: a no-match. */
  | { kind: 'unclear' };

export type StubAnswer =
  | { status: number; body?: JsonValue; headers?: Record<string, string>; delayMs?: number }
  | { timeout: true }
  | { networkError: string };

/** Per request node id (= state id): answers in order; the last one repeats. */
export type WmsStubs = Record<string, StubAnswer[]>;

export type Fetcher = (request: HttpRequest) => Promise<HttpResponse>;

export interface SimulationOptions {
  /** From `loadMachine(json)`. */
  machine: LoadedMachine;
  processKey: string;
  versionHash: string;
  language?: Lang;
  /** Values of the process's own (`main`) variables at start. */
  input?: Record<string, JsonValue>;
  stubs?: WmsStubs;
  /**
   * Unstubbed requests: direct fetch on the server, the server's WMS proxy in the browser.
   * Should honour `request.timeoutMs`; a rejection whose error is named `TimeoutError` counts
   * as the request's timeout, any other rejection as a network failure.
   */
  fetcher?: Fetcher;
  /** `virtual` (default): silence and WMS timeouts fire at once; `real`: on the wall clock. */
  clock?: 'virtual' | 'real';
  inspect?: DialogInspector;
  sessionId?: string;
  operatorId?: string | null;
  /** A site's runtime settings (threshold, silence factor, language), as a terminal there gets them. */
  settings?: SiteSettings;
  /** Names of input variables holding secrets: the runtime redacts their values in every event. */
  secrets?: string[];
}

export type TranscriptKind = 'say' | 'answer' | 'silence' | 'nomatch' | 'wms' | 'variable' | 'transition' | 'error' | 'end';

export interface TranscriptEntry {
  /** Index of the operator input this entry follows (0 = before any input). */
  step: number;
  seq: number;
  ts: number;
  state: string | null;
  kind: TranscriptKind;
  /**
   * say: prompt | reprompt | help | repeat | confirm | say | end; nomatch: low-confidence |
   * out-of-vocabulary; transition: the event that took it; error: the error code.
   */
  reason?: string;
  text?: string;
  confidence?: number;
  /** answer: the outcome / global word / repeat / help it matched, `null` for none. */
  matched?: string | null;
  /** transition: the state it left (`null` at the start). */
  from?: string | null;
  wms?: { method: string; url: string; status?: number; ms?: number; requestBody?: JsonValue; responseBody?: JsonValue; error?: string; attempt?: number };
  variable?: { scope: string; name: string; value: JsonValue; previous: JsonValue };
  end?: { status: string; result?: JsonValue; outcome?: string };
}

/** What the waiting ask accepts, for chips and fields (from the runtime's listen vocabulary). */
export interface Expectation {
  stateId: string;
  phrases: string[];
  digits?: { minLength: number; maxLength: number };
  numbers?: { min?: number; max?: number };
  language: Lang;
  confidenceThreshold: number;
  /** The ask's silence timeout (what `silence` fires). */
  timeoutMs: number;
}

export interface SimView {
  status: 'waiting' | 'busy' | 'done' | 'error';
  stateId: string | null;
  /** The active state ids, outermost first (subflow scopes). */
  activeStates: string[];
  expecting: Expectation | null;
  transcript: TranscriptEntry[];
  variables: Record<string, Record<string, JsonValue>>;
  lastChanged: { scope: string; name: string } | null;
  /** As a terminal would send them. */
  events: DialogEvent[];
  /** State id → times entered. */
  visited: Record<string, number>;
  /** `${from}->${to}` → times taken. */
  edges: Record<string, number>;
  /** Operator inputs so far. */
  steps: number;
  result?: DialogResult;
}

export interface SimulationSession {
  /** Resolves when the dialog waits for input or ends. */
  start(): Promise<SimView>;
  /** Same. Rejects when the dialog is not waiting for input. */
  send(input: SimInput): Promise<SimView>;
  /** Back to the moment before input number `toStep + 1` (0 = before the first input). */
  stepBack(toStep: number): Promise<SimView>;
  restart(): Promise<SimView>;
  view(): SimView;
  /**
   * Keeps only what resumes it (the runtime's storage record, the transcript) while it waits
   * for an answer; the next call rebuilds the dialog. For servers holding many idle sessions.
   */
  suspend(): void;
  readonly suspended: boolean;
  /** Called with the new view whenever it changes on its own (real clock: a timeout fired). */
  subscribe(listener: (view: SimView) => void): () => void;
  dispose(): void;
}
