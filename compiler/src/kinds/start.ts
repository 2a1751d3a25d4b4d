import type { NodeKindDefinition } from './types.js';
import type { JsonSchema, FromDataSchema } from '../schema-parts.js';

const dataSchema = { type: 'object', additionalProperties: false } as const satisfies JsonSchema;

/** `data` of a start node (from its schema; json-schema-to-ts reads a closed empty object as `{}`, which any value fits). */
export type StartData = FromDataSchema<typeof dataSchema> & Record<string, never>;

/** Where the dialog begins; exactly one per flow. */
export const start: NodeKindDefinition<'start', StartData> = {
  kind: 'start',
  label: 'Start',
  description: 'Where the dialog begins. Exactly one per process.',
  dataSchema,
  outcomes: () => ['next'],
  defaultData: () => ({}),
  asksOperator: () => false,
  lint: () => {},
  compile: (node, ctx) => ({
    always: { target: ctx.target(node, 'next')! },
    id: ctx.stateId(node.id),
    meta: ctx.meta(node),
  }),
};
