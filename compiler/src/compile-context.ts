import type { GlobalWord, StateJson, StateMetaVm, TransitionJson } from '@voiceman/runtime';
import type { FlowGraph, FlowNode } from './flow.js';
import type { ResolveProcess } from './kinds/types.js';

/** What a kind's `compile` needs: where its outcomes lead, its scope, its state id. */
export interface CompileContext {
  flow: FlowGraph;
  /** Scope the node's expressions run in (`main`, or an inlined subflow call's). */
  scope: string;
  stateId(nodeId: string): string;
  /** `#<state id>` of the node an outcome's edge leads to; undefined when unconnected. */
  target(node: FlowNode, outcome: string): string | undefined;
  meta(node: FlowNode): { vm: StateMetaVm };
  /**
   * Inside an inlined subflow: the transition an end node takes to leave the call through
   * `outcome` (with the output assignments). Undefined at the top level: end nodes are final.
   */
  exit?: (outcome: string) => TransitionJson;
  resolveProcess?: ResolveProcess;
  /**
   * Inside a copy of an in-place word's branch: `#<state id>` of the ask the word was heard in,
   * where the branch's return nodes lead. Undefined elsewhere.
   */
  returnTo?: string;
  /**
   * Declares a process-wide word of an inlined callee in the machine (`meta.vm.globalWords`,
   * after the caller's own) under a machine-wide unique name derived from `word.name` and
   * `scope`, which it returns; the subflow state handles its `GLOBAL.<name>` event.
   */
  addGlobalWord(word: GlobalWord, scope: string): string;
  /** Compiles a callee's graph as the states of a compound state (subflow kind). */
  inline(callee: FlowGraph, scope: string, exit: (outcome: string) => TransitionJson): { initial: string; states: Record<string, StateJson> };
}

/**
 * `scope` is written only when it is not the default one, to keep machines small. Appended
 * last: keep `params`' keys in canonical order and, when a key sorts after "scope", set the
 * scope yourself (see canonicalForm: a machine built in canonical order is hashed without copies).
 */
export function scoped<T extends object>(params: T, scope: string): T & { scope?: string } {
  return scope === 'main' ? params : { ...params, scope };
}

/** A transition to `target`, or an empty object (no transition) when the outcome is unconnected. */
export function go(target: string | undefined, extra: Omit<TransitionJson, 'target'> = {}): TransitionJson {
  return target === undefined ? { ...extra } : { target, ...extra };
}
