/**
 * The flow graph (formatVersion 1): what the designer edits and stores as a draft, what teams
 * keep in git. The compiler turns it into machine JSON (runtime/src/format.ts).
 * The JSON Schema of this format ships as compiler/flow.schema.json.
 */
import type { BuiltinWordSettings, JsonValue, Lang, VarType } from '@voiceman/runtime';
import type { nodeKinds } from './kinds/index.js';
import type { DataOf } from './kinds/types.js';

type NodeKinds = typeof nodeKinds;

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

/**
 * A word that answers in place ("description", "how much more"): heard in an ask, it runs a
 * short branch from `target` (say, request, decision, set) that ends at return nodes, and the
 * ask prompts again. Declared on the process (every ask) or on one ask (`data.inPlaceWords`).
 */
export type FlowInPlaceWord = FlowGlobalWord;

export interface FlowProcess {
  key: string;
  name: string;
  description?: string;
  /** First is the default language. */
  languages: Lang[];
  variables: FlowVariable[];
  globalWords: FlowGlobalWord[];
  /** Words that answer in place in every ask of this process. */
  inPlaceWords?: FlowInPlaceWord[];
  /**
   * The words every ask understands (repeat, help, backUp, louder, softer, faster, slower):
   * each may be switched off (`off: true`) or given other phrases per language. Absent: all on.
   */
  builtinWords?: BuiltinWordSettings;
  settings?: { minConfidence?: number; noInputTimeoutMs?: number; confirmBelow?: number };
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

export interface NodeBase<K extends string, D> {
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

/**
 * One node of any kind: derived from the kind registry (src/kinds/index.ts), each kind's
 * `data` typed from its `dataSchema` (`SayData`, `AskData`, … in the kind files).
 */
export type FlowNode = { [K in keyof NodeKinds]: NodeBase<K, DataOf<NodeKinds[K]>> }[keyof NodeKinds];
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
