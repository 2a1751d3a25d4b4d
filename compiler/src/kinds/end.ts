import type { ActionJson, StateJson } from '@voiceman/runtime';
import { scoped } from '../compile-context.js';
import type { NodeKindDefinition } from './types.js';
import { outcomeName, expr, type JsonSchema, type FromDataSchema } from '../schema-parts.js';

export const DEFAULT_END_OUTCOME = 'done';

const dataSchema = {
  type: 'object',
  properties: {
    text: { $ref: '#/$defs/localizedText' },
    result: expr,
    outcome: outcomeName,
  },
  additionalProperties: false,
} as const satisfies JsonSchema;

/**
 * `data` of an end node (from its schema): `text` is spoken before ending, `result` an optional CEL
 * expression (the dialog's result), `outcome` the name a calling subflow node leaves through
 * (default `done`); at the top level it is the dialog result's `outcome` (absent when unset).
 */
export type EndData = FromDataSchema<typeof dataSchema>;

/**
 * Ends the dialog (a final state), or, inside an inlined subflow, leaves the call through the
 * node's outcome with the call's outputs copied back.
 */
export const end: NodeKindDefinition<'end', EndData> = {
  kind: 'end',
  label: 'End',
  description: 'Ends the dialog; in a subflow, returns to the caller through its outcome.',
  dataSchema,
  outcomes: () => [],
  defaultData: () => ({}),
  asksOperator: () => false,
  lint: (node, ctx) => {
    ctx.text(node.data.text, { nodeId: node.id, field: '/text' }, 'The closing text', false);
    if (node.data.result !== undefined) ctx.expression(node.data.result, { nodeId: node.id, field: '/result' });
  },
  compile: (node, ctx) => {
    const entry: ActionJson[] = [];
    if (node.data.text && Object.values(node.data.text).some((t) => typeof t === 'string' && t.trim() !== '')) {
      entry.push({ type: 'vm.say', params: scoped({ text: node.data.text }, ctx.scope) });
    }
    const state: StateJson = { id: ctx.stateId(node.id), meta: ctx.meta(node) };
    if (ctx.exit) {
      if (entry.length > 0) state.entry = entry;
      state.always = ctx.exit(node.data.outcome ?? DEFAULT_END_OUTCOME);
      return state;
    }
    if (node.data.result !== undefined) entry.push({ type: 'vm.result', params: scoped({ expr: node.data.result }, ctx.scope) });
    // The dialog result names how the process ended (only when the node names it: an end
    // without one compiles as before).
    if (node.data.outcome !== undefined) state.meta.vm.outcome = node.data.outcome;
    state.type = 'final';
    if (entry.length > 0) state.entry = entry;
    return state;
  },
};
