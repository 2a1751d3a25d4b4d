import type { ActionParamsByType, ActionType } from '../format.js';
import type { DialogContext, EventLike } from '../context.js';
import type { Job } from '../jobs.js';
import type { PrepareContext } from '../prepare.js';

export interface ActionArgs {
  context: DialogContext;
  event: EventLike;
}

/**
 * One `vm.*` action. `prepare` runs at load (checks params, parses CEL once) and returns what
 * the implementation needs, or null after reporting issues. An action either updates the
 * context (`assign`) or hands an effect job to the dialog's driver (`effect`).
 */
export type ActionDefinition<P, R> =
  | { kind: 'assign'; prepare(params: P, ctx: PrepareContext): R | null; assign(prepared: R, args: ActionArgs): Partial<DialogContext> }
  | { kind: 'effect'; prepare(params: P, ctx: PrepareContext): R | null; effect(prepared: R, args: ActionArgs): Job };

export type ActionRegistry = { [K in ActionType]: ActionDefinition<ActionParamsByType[K], any> };
