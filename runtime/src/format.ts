/**
 * The published machine format (formatVersion 1, or 2 when a machine uses a feature of 2026-12):
 * a plain XState v5 machine config, JSON only.
 * The compiler writes it, the runtime executes it, plain `xstate` loads it with stub
 * implementations. Behaviour is referenced by name (`vm.*`) with params; conditions and
 * computed values are CEL strings. See docs/machine-format.md for the prose version.
 */

export type Lang = 'en' | 'ru';
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Text in each language the process declares; may contain `{{ cel }}` placeholders. */
export type LocalizedText = Partial<Record<Lang, string>>;

/** CEL-facing variable types. Integral JSON numbers become CEL `int`, others `double`. */
export type VarType = 'string' | 'int' | 'double' | 'bool' | 'list' | 'map' | 'dyn';

export interface VariableDecl {
  type: VarType;
  default?: JsonValue;
}

/** A scope holds one process's variables; inlined subflows get their own scope. */
export interface ScopeDecl {
  processKey: string;
  variables: Record<string, VariableDecl>;
}

/** A process-wide word ("sign off", "skip slot"): heard in any ask, sends `GLOBAL.<name>`. */
export interface GlobalWord {
  name: string;
  phrases: Partial<Record<Lang, string[]>>;
}

export interface MachineSettings {
  /** Hypotheses below this confidence count as no-match. Default 0.5. */
  minConfidence: number;
  /** Silence timeout of an ask when the ask sets none. Default 7000. */
  noInputTimeoutMs: number;
  /**
   * Upper confidence band (format version 2): a hypothesis at or above `minConfidence` but
   * below this is read back ("42?", yes/no) before it is taken. Asks may set their own.
   */
  confirmBelow?: number;
}

/** The newest machine format this runtime runs; a higher one is refused (load.ts). */
export const MAX_FORMAT_VERSION = 2;

/** The words every ask understands (runtime/src/builtin-words.ts). */
export type BuiltinWordName = 'repeat' | 'help' | 'backUp' | 'louder' | 'softer' | 'faster' | 'slower';

/** A process's change to one built-in word: switched off, or other phrases in a language. */
export interface BuiltinWordSetting {
  off?: boolean;
  /** Replaces the default phrases in each language given. */
  phrases?: Partial<Record<Lang, string[]>>;
}
export type BuiltinWordSettings = Partial<Record<BuiltinWordName, BuiltinWordSetting>>;

export interface MachineMeta {
  /** 1, or 2 when the machine uses a feature of format version 2 (docs/machine-format.md). */
  formatVersion: 1 | 2;
  processKey: string;
  name: string;
  /** Declared languages; the first is the default. */
  languages: Lang[];
  /** `main` is the process's own scope; others belong to inlined subflow calls. */
  scopes: Record<string, ScopeDecl>;
  globalWords: GlobalWord[];
  /** Built-in words switched off or rephrased (format version 2); absent: all on, default phrases. */
  builtinWords?: BuiltinWordSettings;
  settings: MachineSettings;
  /**
   * Reference data (the dictionaries of the original system) the process reads, frozen into
   * the version at publish: table name → revision and key/value rows. CEL sees it as
   * `ref.<table>.<key>` (a map of maps of strings); names are snake_case identifiers.
   */
  reference?: Record<string, ReferenceTableSnapshot>;
}

export interface ReferenceTableSnapshot {
  revision: number;
  rows: Record<string, string>;
}

export interface MachineJson {
  id: string;
  initial: string;
  meta: { vm: MachineMeta };
  /** Global words: `GLOBAL.<name>` transitions valid in every state. */
  on?: Record<string, TransitionJson | TransitionJson[]>;
  states: Record<string, StateJson>;
}

export interface StateMetaVm {
  /** Flow node this state came from (for diagnostics, logs, the designer's highlight). */
  nodeId: string;
  kind: string;
  label?: string;
  /** Scope the node's expressions run in. */
  scope: string;
  /**
   * A terminal may take a newer version of the process when the dialog is about to enter this
   * state (`DialogOptions.switchPoint`). Absent unless the flow node says `switchPoint: true`.
   */
  switchPoint?: true;
  /**
   * Final states only: how the dialog ended (the flow's end node `outcome`), carried into the
   * dialog result and `session.end`. A runtime of format 1 ignores it (meta is open).
   */
  outcome?: string;
}

export interface StateJson {
  /** Equal to the state's key; every target is written `#<id>`. */
  id: string;
  type?: 'final';
  meta: { vm: StateMetaVm };
  tags?: string[];
  entry?: ActionJson[];
  exit?: ActionJson[];
  on?: Record<string, TransitionJson | TransitionJson[]>;
  always?: TransitionJson | TransitionJson[];
  /** Inlined subflow: a compound state. */
  initial?: string;
  states?: Record<string, StateJson>;
  onDone?: TransitionJson | TransitionJson[];
}

export interface TransitionJson {
  target?: string;
  /**
   * XState v5 `reenter`: required (true) on a transition that targets its own state, so that
   * the state's entry actions (an ask's prompt and listen) run again. Without it XState stays
   * put silently; the runtime refuses such a machine.
   */
  reenter?: boolean;
  guard?: GuardJson;
  actions?: ActionJson[];
  description?: string;
}

export interface GuardJson {
  type: 'vm.cel';
  params: { expr: string; scope?: string };
}

/* ---------- actions ---------- */

export interface AssignParams {
  /** Scope written to (default `main`). */
  scope?: string;
  /** Scope the expressions read from (default: `scope`). Used for subflow inputs/outputs. */
  from?: string;
  /** Reset `scope` to its declared defaults before assigning (entering a subflow). */
  reset?: boolean;
  assignments: { variable: string; expr: string }[];
}

export interface SayParams {
  text: LocalizedText;
  scope?: string;
}

/** How an utterance maps to an outcome of an ask. */
export type Grammar =
  | { type: 'phrases'; phrases: Partial<Record<Lang, string[]>> }
  | { type: 'digits'; minLength: number; maxLength: number }
  | { type: 'number'; min?: number; max?: number; minExpr?: string; maxExpr?: string }
  | { type: 'yes' }
  | { type: 'no' };

export interface AskOutcome {
  /** Event sent on a match: `ANSWER.<name>`. */
  name: string;
  grammar: Grammar;
}

export interface RepromptPolicy {
  /** Spoken on the 1st, 2nd, ... failed attempt (the last one repeats); prompt follows. */
  reprompts: LocalizedText[];
  /** After this many failed attempts in a row the ask leaves with NOINPUT / NOMATCH. */
  maxAttempts: number;
}

export interface AskParams {
  prompt: LocalizedText;
  help?: LocalizedText;
  outcomes: AskOutcome[];
  noInput: RepromptPolicy;
  noMatch: RepromptPolicy;
  timeoutMs?: number;
  minConfidence?: number;
  /**
   * Optional read-back: "You said {{ answer.value }}, correct?" then yes/no; "no" asks again.
   * `condition` (CEL, sees `answer`; format version 2): read back only when it is true.
   */
  confirm?: { prompt: LocalizedText; condition?: string };
  /**
   * Checked answer (format version 2): `expr` (CEL bool, sees `answer`) must hold for an answer
   * of the listed `outcomes` (default: every outcome); otherwise `wrong` is spoken and the ask
   * prompts again, and the `limit`-th wrong answer in this ask sends `WRONG`.
   */
  check?: { expr: string; wrong: LocalizedText; limit: number; outcomes?: string[] };
  /** Upper confidence band of this ask (format version 2); see `MachineSettings.confirmBelow`. */
  confirmBelow?: number;
  /** `false` (format version 2): the prompts must be heard in full, the host does not listen during them. Default true. */
  bargeIn?: boolean;
  /**
   * Words heard in this ask only (format version 2): like a global word they send
   * `GLOBAL.<name>`, which this state handles (an in-place word's branch, which returns here).
   */
  words?: GlobalWord[];
  scope?: string;
}

export interface RequestParams {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** URL template: `{{ cel }}` placeholders are URL-encoded when interpolated. */
  url: string;
  /** CEL expression whose value is sent as the JSON body. */
  body?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Extra attempts after a timeout or network failure, or an HTTP status of `retryStatuses`. */
  retries: number;
  /** Format 2: HTTP statuses (400–599) tried again like a timeout, e.g. [500, 503]. */
  retryStatuses?: number[];
  /** Format 2: the wait before each retry; default exponential from 500 ms, at most 8 s. */
  backoff?: Backoff;
  /** A GET that changes the WMS (format version 2): "back up" never goes back past it. */
  write?: boolean;
  scope?: string;
}

/** Wait before retry k (1 = the first): `fixed` waits `delayMs` each time, `exponential` `delayMs · 2^(k-1)`, at most `maxDelayMs` (default 60 s). */
export interface Backoff {
  type: 'fixed' | 'exponential';
  delayMs: number;
  maxDelayMs?: number;
}

/**
 * Format 2: how a failed request failed, each an optional event `REQUEST.<class>` a request
 * state may handle; a failure whose class the state does not handle sends `REQUEST.ERROR`.
 * notFound 404, conflict 409, clientError other 4xx, serverError 5xx, timeout, network
 * (the last attempt's failure decides).
 */
export const REQUEST_ERROR_CLASSES = ['notFound', 'conflict', 'clientError', 'serverError', 'timeout', 'network'] as const;
export type RequestErrorClass = (typeof REQUEST_ERROR_CLASSES)[number];
export const REQUEST_PREFIX = 'REQUEST.';

export interface ResultParams {
  /** CEL expression: the dialog's result, stored when the final state is entered. */
  expr: string;
  scope?: string;
}

export interface ActionParamsByType {
  'vm.assign': AssignParams;
  'vm.say': SayParams;
  'vm.ask': AskParams;
  'vm.request': RequestParams;
  'vm.result': ResultParams;
}
export type ActionType = keyof ActionParamsByType;
export type ActionJson = {
  [K in ActionType]: { type: K; params: ActionParamsByType[K] };
}[ActionType];

/* ---------- events the runtime sends into the machine ---------- */

/**
 * `ANSWER.<outcome>`  { value, text, confidence }   an ask matched an outcome
 * `NOINPUT`           {}                            silence, retries exhausted
 * `NOMATCH`           { text? }                     no match / low confidence, retries exhausted
 * `WRONG`             { name, value, text, confidence }  a checked answer failed its check `limit` times
 * `GLOBAL.<word>`     { text, confidence }          a process-wide word was heard
 * `REQUEST.OK`        { status, body, headers }     WMS answered 2xx
 * `REQUEST.ERROR`     { status?, message, body? }   timeout, network failure, non-2xx
 * `REQUEST.<class>`   { status?, message, body?, class }   format 2: a failure of that class
 *                                                   (REQUEST_ERROR_CLASSES), when the state handles it
 *
 * In CEL, transition actions and guards see the event's payload as `event`
 * (e.g. `event.value`, `event.body.task`); every expression also sees `session`
 * ({ sessionId, terminalId, operatorId, processKey, language }).
 */
export const MACHINE_EVENTS = ['NOINPUT', 'NOMATCH', 'WRONG', 'REQUEST.OK', 'REQUEST.ERROR'] as const;
export const ANSWER_PREFIX = 'ANSWER.';
export const GLOBAL_PREFIX = 'GLOBAL.';
