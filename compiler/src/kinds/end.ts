import type { ActionJson, StateJson } from '@voiceman/runtime';
import { scoped } from '../compile-context.js';
import { sayParams } from './text.js';
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
  // Keys in canonical order but meta.vm.outcome (one end state per flow or so: canonicalJson copies it).
  compile: (node, ctx) => {
    const entry: ActionJson[] = [];
    if (node.data.text && Object.values(node.data.text).some((t) => typeof t === 'string' && t.trim() !== '')) {
      entry.push({ params: sayParams(node.data.text, ctx.scope), type: 'vm.say' });
    }
    const id = ctx.stateId(node.id);
    const meta = ctx.meta(node);
    if (ctx.exit) {
      const always = ctx.exit(node.data.outcome ?? DEFAULT_END_OUTCOME);
      return entry.length > 0 ? { always, entry, id, meta } : { always, id, meta };
    }
    if (node.data.result !== undefined) entry.push({ params: scoped({ expr: node.data.result }, ctx.scope), type: 'vm.result' });
    // The dialog result names how the process ended (only when the node names it: an end
    // without one compiles as before).
    if (node.data.outcome !== undefined) meta.vm.outcome = node.data.outcome;
    const state: StateJson = entry.length > 0 ? { entry, id, meta, type: 'final' } : { id, meta, type: 'final' };
    return state;
  },
};
