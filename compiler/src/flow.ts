/**
 * The flow graph (formatVersion 1): what the designer edits and stores as a draft, what teams
 * keep in git. The compiler turns it into machine JSON (runtime/src/format.ts).
 * The JSON Schema of this format ships as compiler/flow.schema.json.
 */
import type { Grammar, JsonValue, Lang, LocalizedText, VarType } from '@voiceman/runtime';

export interface FlowVariable {
  name: string;
  type: VarType;
  default?: JsonValue;
  description?: string;
  /** Subflow interface: set by the caller / read back by the caller. */
  input?: boolean;
  output?: boolean;
}

export interface FlowGlobalWord {
  name: string;
  phrases: Partial<Record<Lang, string[]>>;
  /** Node the word jumps to from any ask. */
  target: string;
}

export interface FlowProcess {
  key: string;
  name: string;
  description?: string;
  /** First is the default language. */
  languages: Lang[];
  variables: FlowVariable[];
  globalWords: FlowGlobalWord[];
  settings?: { minConfidence?: number; noInputTimeoutMs?: number };
  /**
   * Reference tables the process reads as `ref.<table>.<key>` (snake_case names). The server
   * passes their current rows to `compileFlow` at publish (`options.referenceData`), so the
   * version freezes them and its hash covers them.
   */
  referenceTables?: string[];
}

export interface FlowPosition {
  x: number;
  y: number;
}

interface NodeBase<K extends string, D> {
  id: string;
  kind: K;
  position: FlowPosition;
  label?: string;
  /**
   * A terminal may take a newer published version of the process when the dialog is about to
   * enter this node (between picks, not in the middle of one). Compiled to the state's
   * `meta.vm.switchPoint: true`; absent or false compiles to the same bytes as before.
   */
  switchPoint?: boolean;
  data: D;
}

export type StartNode = NodeBase<'start', Record<string, never>>;
/** Outcome: `next`. */
export type SayNode = NodeBase<'say', { text: LocalizedText }>;
/**
 * Outcomes: each `outcomes[].name`, plus `noInput` and `noMatch`.
 * `saveAs` stores the recognised value (digits string, number, phrase, boolean) in a variable.
 */
export type AskNode = NodeBase<
  'ask',
  {
    prompt: LocalizedText;
    help?: LocalizedText;
    outcomes: { name: string; grammar: Grammar }[];
    saveAs?: string;
    noInput: { reprompts: LocalizedText[]; maxAttempts: number };
    noMatch: { reprompts: LocalizedText[]; maxAttempts: number };
    timeoutMs?: number;
    minConfidence?: number;
    confirm?: { prompt: LocalizedText };
  }
>;
/** Outcomes: each `branches[].name` (first true wins), then `else`. */
export type DecisionNode = NodeBase<'decision', { branches: { name: string; condition: string }[] }>;
/** Outcome: `next`. */
export type SetNode = NodeBase<'set', { assignments: { variable: string; expr: string }[] }>;
/** Outcomes: `ok`, `error`. `mapping` reads the response as `response` ({ status, body }). */
export type RequestNode = NodeBase<
  'request',
  {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    body?: string;
    headers?: Record<string, string>;
    timeoutMs: number;
    retries: number;
    mapping: { variable: string; expr: string }[];
  }
>;
/**
 * Runs another process inline, in its own variable scope. Outcomes: the distinct `outcome`
 * names of the callee's end nodes (`done` when they name none).
 */
export type SubflowNode = NodeBase<
  'subflow',
  {
    processKey: string;
    /** callee input variable -> CEL in the caller's scope */
    inputs: Record<string, string>;
    /** caller variable -> callee output variable */
    outputs: Record<string, string>;
    /** Which flow of the callee runs: its latest published version (default) or its draft. */
    version?: 'draft' | 'published';
  }
>;
/**
 * No outgoing edges. `text` is spoken before ending; `result` is an optional CEL expression
 * (the dialog's result); `outcome` is the name a calling subflow node leaves through
 * (default `done`).
 */
export type EndNode = NodeBase<'end', { text?: LocalizedText; result?: string; outcome?: string }>;

export type FlowNode = StartNode | SayNode | AskNode | DecisionNode | SetNode | RequestNode | SubflowNode | EndNode;
export type NodeKind = FlowNode['kind'];

export interface FlowEdge {
  id: string;
  source: string;
  /** Named outcome of the source node (`next`, an answer name, `noInput`, `ok`, `else`, ...). */
  outcome: string;
  target: string;
}

export interface FlowGraph {
  formatVersion: 1;
  process: FlowProcess;
  nodes: FlowNode[];
  edges: FlowEdge[];
}
