import type { FlowNode, NodeKind } from '../flow.js';
import { ask } from './ask.js';
import { decision } from './decision.js';
import { end } from './end.js';
import { request } from './request.js';
import { returnKind } from './return.js';
import { say } from './say.js';
import { set } from './set.js';
import { start } from './start.js';
import { subflow } from './subflow.js';
import type { NodeKindDefinition, NodeKindRegistry, NodeOfKind, ResolveProcess } from './types.js';

/**
 * Every node kind. The compiler side of a new kind is one file beside this one (schema, the
 * data type derived from it, outcomes, defaults, lint, compile) and one line here: flow.ts's
 * node union, the flow schema and the kind list are derived from this registry. What the
 * type checker and the tests then ask for elsewhere (compiler/README.md, "Adding a node kind"):
 * the designer's view and registry entry (designer/src/kinds/), its messages, a row in
 * docs/flow-format.md, and `npm run schema -w compiler` for flow.schema.json and the
 * precompiled validator.
 */
export const nodeKinds = { start, say, ask, decision, set, request, subflow, end, return: returnKind };

export function kindOf<K extends NodeKind>(kind: K): NodeKindDefinition<K, NodeOfKind<K>['data']> {
  return (nodeKinds as NodeKindRegistry)[kind];
}

/** The outcomes `node` leaves through, one handle each in the designer. */
export function outcomesOf(node: FlowNode, resolveProcess?: ResolveProcess): string[] {
  return kindOf(node.kind).outcomes(node as NodeOfKind<typeof node.kind>, resolveProcess);
}

/** Data of a new node of `kind`; texts are empty in each of `languages`. */
export function defaultNodeData<K extends NodeKind>(kind: K, languages: readonly string[] = ['en']): NodeOfKind<K>['data'] {
  return kindOf(kind).defaultData(languages);
}
