/** `vm.cel`: a guard whose CEL expression must yield a bool. */
import type { GuardJson } from '../format.js';
import { rawIn, type DialogContext, type EventLike } from '../context.js';
import type { CelProgram } from '../cel.js';
import { prepareCel, resolveScope, type PrepareContext, type ScopeRuntime } from '../prepare.js';

export interface PreparedCelGuard {
  scope: ScopeRuntime;
  program: CelProgram;
}

export class GuardError extends Error {}

export const celGuard = {
  prepare(params: GuardJson['params'], ctx: PrepareContext): PreparedCelGuard | null {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    if (!scope) return null;
    const program = prepareCel(ctx, scope.env, params.expr, 'guard', '/expr', 'bool');
    return program ? { scope, program } : null;
  },
  check(prepared: PreparedCelGuard, args: { context: DialogContext; event: EventLike }): boolean {
    const value = rawIn(prepared.program, args.context, prepared.scope, args.event);
    if (typeof value !== 'boolean') throw new GuardError(`guard "${prepared.program.source}" yielded ${String(value)}, not a bool`);
    return value;
  },
};
