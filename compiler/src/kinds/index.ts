import type { FlowNode, NodeKind } from '../flow.js';
import { ask } from './ask.js';
import { decision } from './decision.js';
import { end } from './end.js';
import { request } from './request.js';
import { say } from './say.js';
import { set } from './set.js';
import { start } from './start.js';
import { subflow } from './subflow.js';
import type { NodeKindDefinition, NodeKindRegistry, NodeOfKind, ResolveProcess } from './types.js';

/** Every node kind. Adding a kind: one file beside this one, one line here. */
export const nodeKinds: NodeKindRegistry = { start, say, ask, decision, set, request, subflow, end };

export function kindOf<K extends NodeKind>(kind: K): NodeKindDefinition<K> {
  return nodeKinds[kind] as NodeKindDefinition<K>;
}

/** The outcomes `node` leaves through, one handle each in the designer. */
export function outcomesOf(node: FlowNode, resolveProcess?: ResolveProcess): string[] {
  return kindOf(node.kind).outcomes(node as NodeOfKind<typeof node.kind>, resolveProcess);
}

/** Data of a new node of `kind`; texts are empty in each of `languages`. */
export function defaultNodeData<K extends NodeKind>(kind: K, languages: readonly string[] = ['en']): NodeOfKind<K>['data'] {
  return kindOf(kind).defaultData(languages);
}
