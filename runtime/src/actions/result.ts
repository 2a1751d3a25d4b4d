/** `vm.result`: the dialog's result, stored when a final state is entered. */
import type { ResultParams } from '../format.js';
import { runIn } from '../context.js';
import type { CelProgram } from '../cel.js';
import { prepareCel, resolveScope, type ScopeRuntime } from '../prepare.js';
import type { ActionDefinition } from './types.js';

export interface PreparedResult {
  scope: ScopeRuntime;
  program: CelProgram;
}

export const result: ActionDefinition<ResultParams, PreparedResult> = {
  kind: 'assign',
  prepare(params, ctx) {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    if (!scope) return null;
    const program = prepareCel(ctx, scope.env, params.expr, 'expr', '/expr');
    return program ? { scope, program } : null;
  },
  assign(prepared, { context, event }) {
    return { result: runIn(prepared.program, context, prepared.scope, event) };
  },
};
