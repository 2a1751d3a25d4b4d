/**
 * A fast path for the small expressions machines are mostly made of (`n + event.value`,
 * `qty >= 1 && done == false`, a prompt's `{{ n }}`): the type-checked cel-js AST of such an
 * expression becomes a closure over the dialog's JSON values, with no CEL activation built and
 * no BigInt conversions. It answers only when it is sure to give what cel-js gives; in every
 * other case (a value of another type, a missing key, a result outside the safe integers, an
 * operator it does not know) it returns `BAIL` and the caller evaluates with cel-js, which
 * then produces the result or the error as it always did. Expressions outside the subset are
 * not compiled at all.
 *
 * The subset: literals (int within ±2^53, double, string, bool, null), the scope's variables of
 * type int, double, string, bool or dyn, `event.<field>` and `session.<field>`, `+ - *` on
 * numbers, `< <= > >=` on two ints or two doubles, `== !=` on two values of the same kind,
 * `&& || ! ?:` on bools and unary `-`. Nothing in it loops or allocates, so it needs no
 * evaluation budget (cel-limits.ts): its cost is bounded by the expression's size.
 */
import type { JsonValue } from './format.js';

export const BAIL: unique symbol = Symbol('cel.bail');
type Bail = typeof BAIL;

/** What a fast expression reads: the scope's JSON values, the XState event, the session. */
export type FastEval = (values: Record<string, JsonValue>, event: { type: string }, session: object) => JsonValue | Bail;

type Node = (v: Record<string, JsonValue>, e: { type: string }, s: object) => JsonValue | Bail;

/** Kind of the number the last numeric node produced (CEL int or double). */
let isInt = false;

interface Ast {
  op: string;
  args: unknown;
  checkedType?: { name?: string };
  meta?: { alternate?: unknown; macro?: unknown };
}

const own = Object.prototype.hasOwnProperty;

/** A JSON value as a CEL `dyn` sees it (cel.ts `toCel`): integral numbers are ints. */
function dyn(x: unknown): JsonValue | Bail {
  switch (typeof x) {
    case 'number':
      if (Number.isInteger(x)) {
        if (!Number.isSafeInteger(x)) return BAIL;
        isInt = true;
        // An int has no -0 (cel.ts turns -0 into 0n).
        return x + 0;
      }
      isInt = false;
      return x;
    case 'string':
    case 'boolean':
      return x;
    case 'undefined':
      return BAIL;
    default:
      return x === null ? null : BAIL;
  }
}

function variable(name: string, type: string | undefined): Node | null {
  switch (type) {
    case 'int':
      return (v) => {
        const x = v[name];
        if (typeof x !== 'number' || !Number.isSafeInteger(x)) return BAIL;
        isInt = true;
        return x + 0;
      };
    case 'double':
      return (v) => {
        const x = v[name];
        if (typeof x !== 'number') return BAIL;
        isInt = false;
        return x;
      };
    case 'string':
      return (v) => (typeof v[name] === 'string' ? v[name]! : BAIL);
    case 'bool':
      return (v) => (typeof v[name] === 'boolean' ? v[name]! : BAIL);
    case 'dyn':
      return (v) => dyn(v[name]);
    default:
      return null;
  }
}

function field(objectName: unknown, key: unknown): Node | null {
  if (typeof key !== 'string' || key === '__proto__') return null;
  if (objectName === 'event') {
    if (key === 'type') return null;
    return (_v, e) => {
      if (e.type.startsWith('xstate.') || !own.call(e, key)) return BAIL;
      const x = (e as Record<string, unknown>)[key];
      return x === undefined ? null : dyn(x);
    };
  }
  if (objectName === 'session') {
    return (_v, _e, s) => (own.call(s, key) ? dyn((s as Record<string, unknown>)[key]) : BAIL);
  }
  return null;
}

function literal(x: unknown): Node | null {
  if (typeof x === 'bigint') {
    const n = Number(x);
    if (!Number.isSafeInteger(n)) return null;
    return () => ((isInt = true), n);
  }
  if (typeof x === 'number') return () => ((isInt = false), x);
  if (typeof x === 'string' || typeof x === 'boolean' || x === null) return () => x;
  return null;
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
};

function arithmetic(op: string, left: Node, right: Node): Node {
  const fn = ARITHMETIC[op]!;
  return (v, e, s) => {
    const a = left(v, e, s);
    if (typeof a !== 'number') return BAIL;
    const ai = isInt;
    const b = right(v, e, s);
    if (typeof b !== 'number') return BAIL;
    const r = fn(a, b);
    if (ai && isInt) {
      // Exact exactly when safe: then the int64 result equals the double one.
      if (!Number.isSafeInteger(r)) return BAIL;
      return r + 0;
    }
    // int op double and double op int are registered as double (cel.ts MIXED_ARITHMETIC).
    if (!Number.isFinite(r)) return BAIL;
    isInt = false;
    return r;
  };
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function comparison(op: string, left: Node, right: Node): Node {
  const fn = COMPARE[op]!;
  return (v, e, s) => {
    const a = left(v, e, s);
    if (typeof a !== 'number') return BAIL;
    const ai = isInt;
    const b = right(v, e, s);
    if (typeof b !== 'number' || ai !== isInt) return BAIL;
    return fn(a, b);
  };
}

function equality(negate: boolean, left: Node, right: Node): Node {
  return (v, e, s) => {
    const a = left(v, e, s);
    if (a === BAIL || (a !== null && typeof a === 'object')) return BAIL;
    const ai = isInt;
    const b = right(v, e, s);
    if (b === BAIL || typeof a !== typeof b || (typeof a === 'number' && ai !== isInt)) return BAIL;
    return (a === b) !== negate;
  };
}

function logical(and: boolean, left: Node, right: Node): Node {
  return (v, e, s) => {
    const a = left(v, e, s);
    if (typeof a !== 'boolean') return BAIL;
    // `false && x` is false and `true || x` is true whatever x is (even an error), as in CEL.
    if (a !== and) return a;
    const b = right(v, e, s);
    return typeof b === 'boolean' ? b : BAIL;
  };
}

function compile(ast: Ast): Node | null {
  if (ast.meta?.alternate !== undefined || ast.meta?.macro !== undefined) return null;
  const args = ast.args;
  switch (ast.op) {
    case 'value':
      return literal(args);
    case 'id':
      return variable(args as string, ast.checkedType?.name);
    case '.': {
      const [object, key] = args as [Ast, unknown];
      return object?.op === 'id' ? field(object.args, key) : null;
    }
    case '!_': {
      const inner = compile(args as Ast);
      if (!inner) return null;
      return (v, e, s) => {
        const a = inner(v, e, s);
        return typeof a === 'boolean' ? !a : BAIL;
      };
    }
    case '-_': {
      const inner = compile(args as Ast);
      if (!inner) return null;
      return (v, e, s) => {
        const a = inner(v, e, s);
        // `0 - a`, not `-a`: an int zero stays 0, never -0.
        return typeof a === 'number' ? (isInt ? 0 - a : -a) : BAIL;
      };
    }
    case '?:': {
      const [c, t, f] = (args as Ast[]).map(compile);
      if (!c || !t || !f) return null;
      return (v, e, s) => {
        const cond = c(v, e, s);
        if (typeof cond !== 'boolean') return BAIL;
        return cond ? t(v, e, s) : f(v, e, s);
      };
    }
  }
  const pair = Array.isArray(args) && args.length === 2 ? (args as Ast[]).map(compile) : null;
  if (!pair || !pair[0] || !pair[1]) return null;
  const [l, r] = pair as [Node, Node];
  switch (ast.op) {
    case '+':
    case '-':
    case '*':
      return arithmetic(ast.op, l, r);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(ast.op, l, r);
    case '==':
      return equality(false, l, r);
    case '!=':
      return equality(true, l, r);
    case '&&':
      return logical(true, l, r);
    case '||':
      return logical(false, l, r);
    default:
      return null;
  }
}

/** The fast evaluator of a checked AST, or null when the expression is outside the subset. */
export function compileFast(ast: unknown): FastEval | null {
  try {
    return compile(ast as Ast);
  } catch {
    return null;
  }
}

/**
 * What a program runs against: the JSON values the fast path reads, and the CEL activation
 * cel-js needs, built only when asked for (context.ts makes these).
 */
export abstract class CelInput {
  constructor(
    readonly values: Record<string, JsonValue>,
    readonly event: { type: string },
    readonly session: object,
  ) {}
  /** The activation as cel-js sees it (variables converted to CEL values, `event`, `session`, `ref`). */
  abstract record(): Record<string, unknown>;
}
