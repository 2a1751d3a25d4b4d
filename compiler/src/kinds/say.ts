import { emptyText, sayParams } from './text.js';
import type { NodeKindDefinition } from './types.js';
import type { JsonSchema, FromDataSchema } from '../schema-parts.js';

const dataSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { $ref: '#/$defs/localizedText' } },
  additionalProperties: false,
} as const satisfies JsonSchema;

/** `data` of a say node (from its schema). */
export type SayData = FromDataSchema<typeof dataSchema>;

/** Speaks a text and moves on without waiting for an answer. */
export const say: NodeKindDefinition<'say', SayData> = {
  kind: 'say',
  label: 'Say',
  description: 'Speaks a text (with {{ cel }} placeholders) and moves on.',
  dataSchema,
  outcomes: () => ['next'],
  defaultData: (languages) => ({ text: emptyText(languages) }),
  asksOperator: () => false,
  lint: (node, ctx) => ctx.text(node.data.text, { nodeId: node.id, field: '/text' }, 'The spoken text'),
  // Keys in canonical (sorted) order, flow data in canonical form: hashed without sorted copies.
  compile: (node, ctx) => ({
    always: { target: ctx.target(node, 'next')! },
    entry: [{ params: sayParams(node.data.text, ctx.scope), type: 'vm.say' }],
    id: ctx.stateId(node.id),
    meta: ctx.meta(node),
  }),
};
