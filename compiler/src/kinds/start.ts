import type { NodeKindDefinition } from './types.js';
import type { JsonSchema } from '../schema-parts.js';

/** Where the dialog begins; exactly one per flow. */
export const start: NodeKindDefinition<'start'> = {
  kind: 'start',
  label: 'Start',
  description: 'Where the dialog begins. Exactly one per process.',
  dataSchema: { type: 'object', additionalProperties: false } as const satisfies JsonSchema,
  outcomes: () => ['next'],
  defaultData: () => ({}),
  asksOperator: () => false,
  lint: () => {},
  compile: (node, ctx) => ({
    id: ctx.stateId(node.id),
    meta: ctx.meta(node),
    always: { target: ctx.target(node, 'next')! },
  }),
};
