/**
 * Bounds on one CEL evaluation. cel-js 8 limits only what it parses (AST nodes, depth, literal
 * sizes); a published expression can still loop (`l.map(x, l.map(y, l.map(z, …)))` over a
 * 1,000-element list is 10^9 steps) or grow (`cel.bind` doubling a list 30 times). Every node
 * cel-js evaluates passes through its evaluator's `run` method, so that one method is metered:
 * one unit per node (a comprehension's step counts once per element), plus one per element
 * or character a `+` produces. `matches` runs on RE2 (./cel-regex.ts, linear time) and
 * `join` is sized before it allocates. Over budget, the evaluation throws `CelLimitError`
 * (`cel.budget`), which ends the step with an `error` dialog event of that code.
 */
import { Environment } from '@marcbachmann/cel-js';
import { compileRegex } from './cel-regex.js';
import { CelLimitError, type CelLimitCode } from './cel-limit-error.js';

export { CelLimitError, type CelLimitCode };

export const CEL_LIMITS = {
  /** Units one evaluation may spend (≈ 50-100 ms of a phone's CPU at worst). */
  cost: 1_000_000,
  /** The longest string or list an expression may produce (characters / elements). */
  size: 100_000,
} as const;

/** What is left of the running evaluation's budget; Infinity outside `metered` (type checks, tools). */
let left = Infinity;

const overBudget = () => new CelLimitError('cel.budget', `expression exceeded its evaluation budget (${CEL_LIMITS.cost} steps)`);
const tooLarge = (what: string, n: number) =>
  new CelLimitError('cel.budget', `expression built a ${what} of ${n} ${what === 'string' ? 'characters' : 'elements'} (limit ${CEL_LIMITS.size})`);

function charge(size: number, what: string): void {
  if (size > CEL_LIMITS.size) throw tooLarge(what, size);
  left -= size;
  if (left < 0) throw overBudget();
}

/** The slice of cel-js's internals metering relies on (cel-js 8: `parser.js` ASTNode, `evaluator.js` Evaluator). */
interface AstNode {
  op: string;
  args: unknown;
  evaluate(ev: Evaluator, ast: AstNode, ctx: unknown): unknown;
}
interface Evaluator {
  run(ast: AstNode, ctx: unknown): unknown;
}

type Guarded = (ev: Evaluator, ast: AstNode, ctx: unknown) => unknown;

/** Receiver and arguments of a method call (`rcall` args: [name, receiver, [args]]). */
function operands(ev: Evaluator, ast: AstNode, ctx: unknown): unknown[] {
  const [, receiver, args] = ast.args as [string, AstNode, AstNode[]];
  const out = [ev.run(receiver, ctx)];
  for (const a of args) out.push(ev.run(a, ctx));
  return out;
}

// Methods run here instead of by cel-js: `matches` on RE2 instead of a backtracking RegExp,
// `join` sized first. Anything unusual (dyn values of the wrong type) goes back to cel-js,
// which reports it as it always did.
const GUARDED: Record<string, Guarded> = {
  matches(ev, ast, ctx) {
    const [subject, pattern] = operands(ev, ast, ctx);
    if (typeof subject !== 'string' || typeof pattern !== 'string') return ast.evaluate(ev, ast, ctx);
    charge(subject.length, 'string');
    return compileRegex(pattern).test(subject);
  },
  join(ev, ast, ctx) {
    const [list, separator = ''] = operands(ev, ast, ctx);
    if (!Array.isArray(list) || typeof separator !== 'string' || !list.every((s) => typeof s === 'string')) return ast.evaluate(ev, ast, ctx);
    let size = Math.max(0, list.length - 1) * separator.length;
    for (const s of list as string[]) size += s.length;
    charge(size, 'string');
    return list.join(separator);
  },
};

/** One metered node: a unit, the guarded methods, the size of what `+` built. */
function meterNode(ev: Evaluator, ast: AstNode, ctx: unknown, evaluate: AstNode['evaluate']): unknown {
  if (--left < 0) throw overBudget();
  const op = ast.op;
  if (op === 'rcall') {
    const guarded = GUARDED[(ast.args as [string])[0]];
    if (guarded) return guarded(ev, ast, ctx);
  }
  const result = evaluate.call(ast, ev, ast, ctx);
  if (op === '+') {
    const size = (result as { length?: unknown } | null)?.length;
    if (typeof size === 'number') charge(size, typeof result === 'string' ? 'string' : 'list');
  }
  return result;
}

function meteredRun(this: Evaluator, ast: AstNode, ctx: unknown): unknown {
  return meterNode(this, ast, ctx, ast.evaluate);
}

interface NodeMeta {
  alternate?: AstNode;
  macro?: { evaluate(ev: Evaluator, macro: unknown, ctx: unknown): unknown };
  evaluate: AstNode['evaluate'];
}

/**
 * cel-js evaluates an expression's root node directly, not through `run`: the root of a
 * checked program gets its own metered `evaluate`, resolved as cel-js's ASTNode resolves it.
 */
export function meterRoot(root: unknown): void {
  const node = root as AstNode & { meta: NodeMeta };
  const meta = node.meta;
  const inner: AstNode['evaluate'] = meta.alternate
    ? (ev, _ast, ctx) => meta.alternate!.evaluate(ev, meta.alternate!, ctx)
    : meta.macro
      ? (ev, _ast, ctx) => meta.macro!.evaluate(ev, meta.macro, ctx)
      : meta.evaluate;
  node.evaluate = (ev, ast, ctx) => meterNode(ev, ast, ctx, inner);
}

let installed = false;

/**
 * Meters every cel-js evaluator of this module instance (they share one prototype, which is
 * reached through `this` of a probe function: cel-js calls function handlers with the
 * evaluator as `this`). Outside `metered` the budget is Infinity, so nothing changes there.
 */
function install(): void {
  if (installed) return;
  let proto: Evaluator | undefined;
  new Environment()
    .registerFunction('vmProbe(): bool', function (this: Evaluator) {
      proto = Object.getPrototypeOf(this) as Evaluator;
      return true;
    })
    .evaluate('vmProbe()');
  if (!proto || typeof proto.run !== 'function') throw new Error('cel-js evaluator has no run method: the CEL budget cannot be installed');
  proto.run = meteredRun;
  installed = true;
}

/** Runs one evaluation under the budget. Any failure caused by running out becomes `CelLimitError`. */
export function metered<T>(evaluate: (activation: Record<string, unknown>) => T, activation: Record<string, unknown>): T {
  install();
  left = CEL_LIMITS.cost;
  try {
    const result = evaluate(activation);
    // `||`, `&&` and `exists` absorb errors of one side by CEL's rules: an exhausted budget
    // must still fail the evaluation.
    if (left < 0) throw overBudget();
    return result;
  } catch (error) {
    if (error instanceof CelLimitError) throw error;
    if (left < 0) throw overBudget();
    // An allocation the caps did not foresee (the engine's own string/array limits).
    if (error instanceof RangeError) throw new CelLimitError('cel.budget', `expression ran out of room: ${error.message}`);
    throw error;
  } finally {
    left = Infinity;
  }
}

/** The `code` of a CEL limit error (anywhere in a `cause` chain), for dialog `error` events. */
export function celLimitCode(error: unknown): CelLimitCode | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof CelLimitError) return e.code;
  }
  return undefined;
}
