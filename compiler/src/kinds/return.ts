import type { StateJson } from '@voiceman/runtime';
import type { NodeKindDefinition } from './types.js';
import type { JsonSchema, FromDataSchema } from '../schema-parts.js';

const dataSchema = { type: 'object', properties: {}, additionalProperties: false } as const satisfies JsonSchema;

/** `data` of a return node: nothing (where it returns to is the interrupted ask). */
export type ReturnData = FromDataSchema<typeof dataSchema>;

/**
 * Ends the branch of an in-place word ("description", "how much more"): the dialog goes back to
 * the ask the word was heard in, which prompts again. Only reachable from an in-place word's
 * target (`return-outside-word` otherwise); the compiler copies the branch once per ask that
 * hears the word, and each copy's return node leads back to its own ask.
 */
export const returnKind: NodeKindDefinition<'return', ReturnData> = {
  kind: 'return',
  label: 'Return',
  description: 'Ends the branch of an in-place word: back to the ask it interrupted, which prompts again.',
  dataSchema,
  outcomes: () => [],
  defaultData: () => ({}),
  asksOperator: () => false,
  lint: () => {},
  compile: (node, ctx) => {
    // The linter refuses a return node outside an in-place branch, so the copy knows its ask.
    if (ctx.returnTo === undefined) throw new Error(`return node "${node.id}" is outside the branch of an in-place word`);
    const state: StateJson = { always: { target: ctx.returnTo }, id: ctx.stateId(node.id), meta: ctx.meta(node) };
    return state;
  },
};
