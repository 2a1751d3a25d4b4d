/** `vm.assign`: write CEL results into a scope's variables (optionally resetting it first). */
import type { AssignParams, JsonValue } from '../format.js';
import { runIn, typeMismatch } from '../context.js';
import type { CelProgram } from '../cel.js';
import { addIssue, prepareCel, resolveScope, type ScopeRuntime } from '../prepare.js';
import type { ActionDefinition } from './types.js';

export interface PreparedAssign {
  scope: ScopeRuntime;
  from: ScopeRuntime;
  reset: boolean;
  assignments: { variable: string; program: CelProgram }[];
}

export class AssignmentError extends Error {}

export const assign: ActionDefinition<AssignParams, PreparedAssign> = {
  kind: 'assign',
  prepare(params, ctx) {
    const scope = resolveScope(ctx, params.scope ?? ctx.defaultScope);
    const from = params.from === undefined ? scope : resolveScope(ctx, params.from, 'from');
    if (!scope || !from) return null;
    const assignments: PreparedAssign['assignments'] = [];
    let ok = true;
    params.assignments.forEach((a, i) => {
      const type = scope.types[a.variable];
      if (type === undefined) {
        addIssue(ctx, 'assignments', `unknown variable "${a.variable}" in scope "${scope.name}"`, `/assignments/${i}/variable`);
        ok = false;
        return;
      }
      const program = prepareCel(ctx, from.env, a.expr, 'assignments', `/assignments/${i}/expr`, type);
      if (!program) ok = false;
      else assignments.push({ variable: a.variable, program });
    });
    return ok ? { scope, from, reset: params.reset === true, assignments } : null;
  },
  assign(prepared, { context, event }) {
    const { scope, from, assignments } = prepared;
    const target: Record<string, JsonValue> = { ...(prepared.reset ? scope.defaults : context.vars[scope.name]) };
    // Within one scope, later assignments see earlier ones ("qty = qty + 1; total = qty * 2"):
    // each one after the first reads a context holding what was assigned so far.
    let reading = context;
    for (let i = 0; i < assignments.length; i++) {
      const { variable, program } = assignments[i]!;
      const value = runIn(program, reading, from, event);
      const mismatch = typeMismatch(value, scope.types[variable]!);
      if (mismatch) throw new AssignmentError(`${scope.name}.${variable} = ${program.source}: ${mismatch}`);
      target[variable] = value;
      if (from === scope && i + 1 < assignments.length) reading = { ...context, vars: { ...context.vars, [scope.name]: { ...target } } };
    }
    const vars = { ...context.vars };
    vars[scope.name] = target;
    return { vars };
  },
};
