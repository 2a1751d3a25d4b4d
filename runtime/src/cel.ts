/**
 * CEL through @marcbachmann/cel-js: one environment per scope, expressions parsed once per
 * machine load. cel-js represents CEL `int` as BigInt, so values cross the boundary here:
 * JSON -> CEL (integral numbers become int unless the variable is declared double) and
 * CEL -> JSON (BigInt back to number, so snapshots stay JSON).
 */
import { Environment, ParseError } from '@marcbachmann/cel-js';
import type { JsonValue, VarType } from './format.js';
import { meterRoot, metered } from './cel-limits.js';
import { staticIssues } from './cel-static.js';
import { BAIL, CelInput, compileFast, type FastEval } from './cel-fast.js';
import { regexEngineKey } from './cel-regex.js';

export { CelInput };

/** What a program runs against: a dialog's `CelInput`, or a plain CEL activation (tools, tests). */
export type CelActivation = CelInput | Record<string, unknown>;
import { PLURAL_OVERLOADS } from './plural.js';

export interface CelIssue {
  message: string;
  /** Set for the checks beyond parse and type: an invalid literal regular expression, a forbidden map key. */
  code?: 'cel.regex' | 'cel.key';
  start?: number;
  end?: number;
}

/** Names every expression sees besides the scope's variables. */
export const BUILTIN_NAMES = ['event', 'session', 'ref'] as const;

/**
 * Words CEL reserves (cel-js 8 `RESERVED`, not exported): no variable may be named so. The
 * loader reports them; environments skip them, so a bad name is an issue, not an exception.
 */
export const CEL_RESERVED_WORDS: readonly string[] = [
  'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop',
  'package', 'namespace', 'return', 'var', 'void', 'while', '__proto__', 'prototype',
];

export type CelVariables = Record<string, VarType>;

/**
 * Mixed `int`/`double` arithmetic. JSON has one number type: a WMS weight of `2` arrives as an
 * int, `2.5` as a double, and `event.body.weight * 1.5` must work for both, as designers
 * expect. CEL itself has no mixed overloads (`2 * 1.5` is "no such overload"); these give
 * `int op double` and `double op int` for `+ - * /`, computed and typed as double. Comparisons
 * of a dyn number with either kind already work in cel-js; `%` stays int-only.
 */
const MIXED_ARITHMETIC: Record<'+' | '-' | '*' | '/', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

let base: Environment | undefined;

/** Options and operators shared by every scope's environment, registered once. */
function baseEnvironment(): Environment {
  if (base) return base;
  base = new Environment({ homogeneousAggregateLiterals: false, unlistedVariablesAreDyn: false });
  for (const [op, fn] of Object.entries(MIXED_ARITHMETIC)) {
    base.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => fn(Number(a), b));
    base.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => fn(a, Number(b)));
  }
  for (const [signature, handler] of Object.entries(PLURAL_OVERLOADS)) base.registerFunction(signature, handler as (...args: unknown[]) => string);
  return base;
}

/**
 * `referenceTables`: the names of the machine's reference tables (`meta.vm.reference`). `ref` is
 * typed with exactly those fields, each a `map<string, string>`, so `ref.<unknown table>` is a
 * type error at load while `ref.<table>.<key>` and `ref.<table>[expr]` check as strings.
 */
export function createCelEnvironment(variables: CelVariables, referenceTables: readonly string[] = []): Environment {
  // One environment per declaration, shared by every load: building one costs more than
  // checking a machine's expressions, and with it goes the per-environment cache of checked
  // expressions (`checkCelIn`), so a machine loaded or validated again (a new version of the
  // same process, the compiler's validation of each compile) parses none of its expressions
  // again. Which engine `matches` has (none, or the one registered last) changes what checks, so it is part of the key.
  let key = regexEngineKey();
  for (const name in variables) key += `\u0000${name}:${variables[name]}`;
  for (const table of referenceTables) key += `\u0001${table}`;
  const known = environments.get(key);
  if (known) return known;
  const env = baseEnvironment().clone();
  for (const [name, type] of Object.entries(variables)) {
    if ((BUILTIN_NAMES as readonly string[]).includes(name) || CEL_RESERVED_WORDS.includes(name)) continue;
    env.registerVariable(name, type);
  }
  env.registerVariable('event', 'dyn');
  env.registerVariable('session', 'map');
  const tables: Record<string, string> = {};
  for (const name of referenceTables) tables[name] = 'map<string, string>';
  env.registerVariable({ name: 'ref', schema: tables });
  // Bounded: a server validating many different machines keeps the most recent declarations.
  if (environments.size >= MAX_ENVIRONMENTS) environments.delete(environments.keys().next().value!);
  environments.set(key, env);
  return env;
}

const environments = new Map<string, Environment>();
const MAX_ENVIRONMENTS = 64;

/**
 * Forgets every shared environment, and with them (weakly held) their checked expressions and
 * compiled prompt texts: the next load parses everything as a process's first load does.
 * For benchmarks that measure a first load or compile, not for hosts.
 */
export function forgetCelEnvironments(): void {
  environments.clear();
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

interface CelErrorLike {
  message: string;
  range?: { start: number; end: number };
}

function toIssue(error: CelErrorLike): CelIssue {
  const issue: CelIssue = { message: firstLine(error.message) };
  if (error.range) {
    issue.start = error.range.start;
    issue.end = error.range.end;
  }
  return issue;
}

export interface CheckedCel {
  issues: CelIssue[];
  type?: string;
  program?: CelProgram;
}

// Machines repeat expressions ("event.value", "n + 1" in every loop): parse and check each
// distinct text once per environment.
const checked = new WeakMap<Environment, Map<string, CheckedCel>>();
const MAX_CHECKED = 20_000;

/** Parses once and type-checks `expr` in `env`; the program is ready to run when valid. */
export function checkCelIn(env: Environment, expr: string): CheckedCel {
  if (typeof expr !== 'string' || expr.trim() === '') return { issues: [{ message: 'expression is empty' }] };
  let cache = checked.get(env);
  if (!cache) checked.set(env, (cache = new Map()));
  const hit = cache.get(expr);
  if (hit) return hit;
  // Environments are shared by every load (createCelEnvironment): bounded, a long-running
  // process does not keep every expression it ever checked.
  if (cache.size >= MAX_CHECKED) cache.clear();
  let out: CheckedCel;
  try {
    const fn = env.parse(expr);
    const result = fn.check();
    const refused = result.valid ? staticIssues(fn.ast) : [];
    if (!result.valid) out = { issues: [toIssue(result.error as CelErrorLike)] };
    else if (refused.length > 0) out = { issues: refused };
    else {
      meterRoot(fn.ast);
      // Every run is bounded (./cel-limits.ts): over budget it throws CelLimitError.
      out = { issues: [], type: String(result.type), program: celProgram(expr, fn) };
    }
  } catch (error) {
    out = { issues: [toIssue(error as CelErrorLike)] };
  }
  cache.set(expr, out);
  return out;
}

/** Parse and type errors, unknown identifiers. `event` (dyn), `session` (map) and `ref` (the named tables) are always declared. */
export function checkCel(expr: string, variables: CelVariables, referenceTables: readonly string[] = []): CelIssue[] {
  return checkCelIn(createCelEnvironment(variables, referenceTables), expr).issues;
}

/**
 * The loader's CEL rules for one set of declared variables, with one environment built once:
 * tools (the compiler, the designer) check many expressions of a scope through it.
 */
export interface CelChecker {
  /** Parse and type errors of `expr`, exactly as `loadMachine` would report them. */
  check(expr: string): CelIssue[];
  /** The CEL result type of a valid `expr` (`int`, `string`, `list<dyn>`, `dyn`…); undefined when invalid. */
  typeOf(expr: string): string | undefined;
}

export function createCelChecker(variables: CelVariables, referenceTables: readonly string[] = []): CelChecker {
  const env = createCelEnvironment(variables, referenceTables);
  return {
    check: (expr) => checkCelIn(env, expr).issues,
    typeOf: (expr) => checkCelIn(env, expr).type,
  };
}

/** Whether a CEL result type can be stored in a variable of `type` (`bool`: usable as a guard). */
export function isAssignable(resultType: string, type: VarType): boolean {
  if (type === 'dyn' || resultType === 'dyn') return true;
  if (type === 'double') return resultType === 'double' || resultType === 'int';
  if (type === 'list') return resultType.startsWith('list');
  if (type === 'map') return resultType.startsWith('map');
  return resultType === type;
}

/* ---------- values across the boundary ---------- */

function toCelDeep(value: JsonValue): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCelDeep(v);
    return out;
  }
  return value;
}

export function toCel(value: JsonValue | undefined, type: VarType = 'dyn'): unknown {
  if (value === undefined) return null;
  if (type === 'double' && typeof value === 'number') return value;
  return toCelDeep(value);
}

export class CelValueError extends Error {}

export function fromCel(value: unknown): JsonValue {
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new CelValueError(`integer ${value} is too large for JSON`);
    return n;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CelValueError(`number ${value} cannot be stored`);
    return value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of value) out[String(k)] = fromCel(v);
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) throw new CelValueError('bytes cannot be stored; convert with string()');
  if (typeof value === 'object' && value !== undefined) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as object)) out[k] = fromCel(v);
    return out;
  }
  throw new CelValueError(`value of type ${typeof value} cannot be stored`);
}

/**
 * A parsed expression bound to its scope's environment. Given a `CelInput` (context.ts
 * `activation`), an expression in the fast subset (cel-fast.ts) runs on the JSON values
 * directly; anything else, or any value the fast path is not sure of, runs through cel-js.
 */
export interface CelProgram {
  source: string;
  run(activation: CelActivation): JsonValue;
  /** Raw CEL result (for guards, which need a strict boolean). */
  raw(activation: CelActivation): unknown;
  /** The fast path (cel-fast.ts) when the expression is in its subset: `BAIL` when unsure. */
  fast?: FastEval;
}

type Evaluate = (activation: Record<string, unknown>) => unknown;

function celProgram(source: string, fn: Evaluate & { ast: unknown }): CelProgram {
  const fast = compileFast(fn.ast);
  const record = (a: CelActivation) => (a instanceof CelInput ? a.record() : a);
  if (!fast) return { source, raw: (a) => metered(fn, record(a)), run: (a) => fromCel(metered(fn, record(a))) };
  return {
    source,
    fast,
    raw(a) {
      if (a instanceof CelInput) {
        const r = fast(a.values, a.event, a.session);
        if (typeof r === 'boolean') return r;
      }
      return metered(fn, record(a));
    },
    run(a) {
      if (a instanceof CelInput) {
        const r = fast(a.values, a.event, a.session);
        if (r !== BAIL) return r;
      }
      return fromCel(metered(fn, record(a)));
    },
  };
}


export { ParseError };
