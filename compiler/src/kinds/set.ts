import { canonicalForm } from '../canonical.js';
import { scoped } from '../compile-context.js';
import type { NodeKindDefinition } from './types.js';
import type { JsonSchema, FromDataSchema } from '../schema-parts.js';

const dataSchema = {
  type: 'object',
  required: ['assignments'],
  properties: { assignments: { $ref: '#/$defs/assignments' } },
  additionalProperties: false,
} as const satisfies JsonSchema;

/** `data` of a set node (from its schema). */
export type SetData = FromDataSchema<typeof dataSchema>;

/**
 * Sets variables from CEL expressions, in order: each assignment sees the ones before it (the
 * runtime's `vm.assign`), so `a = b; b = a` leaves both equal to the old `b`, not a swap.
 */
export const set: NodeKindDefinition<'set', SetData> = {
  kind: 'set',
  label: 'Set variables',
  description: 'Sets variables from CEL expressions.',
  dataSchema,
  outcomes: () => ['next'],
  defaultData: () => ({ assignments: [] }),
  asksOperator: () => false,
  lint: (node, ctx) => {
    node.data.assignments.forEach((a, i) => {
      const variable = ctx.variable(a.variable, { nodeId: node.id, field: `/assignments/${i}/variable` }, 'Variable');
      ctx.expression(a.expr, { nodeId: node.id, field: `/assignments/${i}/expr` }, {}, variable && { type: variable.type, code: 'set-type-mismatch', target: `Variable "${variable.name}"` });
    });
  },
  // Keys in canonical (sorted) order, flow data in canonical form: hashed without sorted copies.
  compile: (node, ctx) => {
    const always = { target: ctx.target(node, 'next')! };
    const id = ctx.stateId(node.id);
    const meta = ctx.meta(node);
    if (node.data.assignments.length === 0) return { always, id, meta };
    const entry = [{ params: scoped({ assignments: canonicalForm(node.data.assignments) }, ctx.scope), type: 'vm.assign' as const }];
    return { always, entry, id, meta };
  },
};
