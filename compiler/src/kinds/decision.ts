import type { TransitionJson } from '@voiceman/runtime';
import type { NodeKindDefinition } from './types.js';
import { outcomeName, expr, type JsonSchema, type FromDataSchema } from '../schema-parts.js';

const dataSchema = {
  type: 'object',
  required: ['branches'],
  properties: {
    branches: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['name', 'condition'],
        properties: { name: outcomeName, condition: expr },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const satisfies JsonSchema;

/** `data` of a decision node (from its schema). Outcomes: each `branches[].name` (first true wins), then `else`. */
export type DecisionData = FromDataSchema<typeof dataSchema>;

/** Ordered CEL conditions: the first true one wins, otherwise `else`. */
export const decision: NodeKindDefinition<'decision', DecisionData> = {
  kind: 'decision',
  label: 'Decision',
  description: 'Ordered CEL conditions; the first that holds is taken, otherwise "else".',
  dataSchema,
  outcomes: (node) => [...node.data.branches.map((b) => b.name), 'else'],
  defaultData: () => ({ branches: [{ name: 'yes', condition: 'true' }] }),
  asksOperator: () => false,
  lint: (node, ctx) => {
    node.data.branches.forEach((branch, i) => {
      ctx.expression(branch.condition, { nodeId: node.id, field: `/branches/${i}/condition` }, {}, { type: 'bool', code: 'cel-type-mismatch', target: `Condition "${branch.name}"` });
    });
  },
  compile: (node, ctx) => {
    // Keys in canonical (sorted) order throughout: the machine is hashed without sorted copies.
    const { branches } = node.data;
    const always: TransitionJson[] = [];
    for (let i = 0; i < branches.length; i++) {
      const branch = branches[i]!;
      always.push({
        guard: { params: ctx.scope === 'main' ? { expr: branch.condition } : { expr: branch.condition, scope: ctx.scope }, type: 'vm.cel' },
        target: ctx.target(node, branch.name)!,
      });
    }
    always.push({ target: ctx.target(node, 'else')! });
    return { always, id: ctx.stateId(node.id), meta: ctx.meta(node) };
  },
};
