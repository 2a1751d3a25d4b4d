import type { FlowGraph, FlowNode, NodeBase, NodeKind } from '../flow.js';
import type { DiagnosticCode } from '../diagnostics.js';
import type { LintContext } from '../lint/context.js';
import type { CompileContext } from '../compile-context.js';
import type { StateJson } from '@voiceman/runtime';
import type { JsonSchema } from '../schema-parts.js';

export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;

/** Which flow of a called process a subflow runs: its latest published version (default) or its draft. */
export type CalleeVersion = 'draft' | 'published';

/**
 * Finds another process's flow by key (subflows); undefined when unknown. `version` is what the
 * subflow node asks for (`published` unless it says `draft`); a resolver may ignore it (the CLI
 * reads files, which are neither).
 */
export type ResolveProcess = (key: string, version?: CalleeVersion) => FlowGraph | undefined;

/**
 * Everything the compiler, the linter and the designer need to know about one node kind.
 * One file per kind; the registry in ./index.ts lists them all.
 */
export interface NodeKindDefinition<K extends string, D> {
  kind: K;
  /** What the designer's palette shows. */
  label: string;
  description: string;
  /**
   * JSON Schema of the node's `data` (the flow schema's `$defs/data/<kind>`); `D`, the data's
   * type, is derived from it (`FromDataSchema`).
   */
  dataSchema: JsonSchema;
  /** Named outcomes the node leaves through, in display order (one handle each). */
  outcomes(node: NodeBase<K, D>, resolveProcess?: ResolveProcess): string[];
  /**
   * Outcomes reported under their own code when unconnected (instead of `dead-end`), because
   * the designer needs a more specific hint for them.
   */
  specialOutcomes?: Partial<Record<string, DiagnosticCode>>;
  /** Data of a freshly created node of this kind. */
  defaultData(languages: readonly string[]): D;
  /** Whether reaching this node waits for the operator (a loop through it is not silent). */
  asksOperator(node: NodeBase<K, D>, resolveProcess?: ResolveProcess): boolean;
  /** Kind-specific findings (texts, expressions, variables, vocabularies). */
  lint(node: NodeBase<K, D>, ctx: LintContext): void;
  /** The state the node becomes. */
  compile(node: NodeBase<K, D>, ctx: CompileContext): StateJson;
}

/** The registry's shape: each kind's definition for its own data. */
export type NodeKindRegistry = { [K in NodeKind]: NodeKindDefinition<K, NodeOfKind<K>['data']> };

/**
 * The data type a kind definition was written for, read from `defaultData` alone: inferring it
 * from the whole definition would walk `FlowGraph`, which is built from this very type.
 */
export type DataOf<T> = T extends { defaultData(languages: readonly string[]): infer D } ? D : never;
