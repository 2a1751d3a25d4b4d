/**
 * The fast path (cel-fast.ts) must answer exactly what cel-js answers: random expressions over
 * its subset (and a little outside it) are run both ways, against random values of every kind
 * (ints near the safe-integer edge, doubles, strings, bools, null, values of the wrong type,
 * missing event fields), and the results or errors compared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAIL, compileFast } from './cel-fast.js';
import { checkCelIn } from './cel.js';
import { activation, zeroValue, type DialogContext } from './context.js';
import type { JsonValue, VarType } from './format.js';
import { buildScopes } from './prepare.js';

const TYPES: Record<string, VarType> = { i: 'int', j: 'int', d: 'double', s: 'string', b: 'bool', y: 'dyn', l: 'list' };

const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('i', 'j', 'd', 's', 'b', 'y', 'l', 'event.value', 'event.text', 'event.missing', 'event.type', 'session.language', 'session.operatorId', 'session.nope'),
    fc.constantFrom('0', '1', '-1', '2.5', '0.0', '9007199254740991', '9007199254740992', '"a"', '""', 'true', 'false', 'null', '1u'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '/', '%'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('e').map((e) => `!(${e})`),
    tie('e').map((e) => `-(${e})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
})).e;

/** Mostly well-typed expressions, so that deep ones pass the type check and reach the fast path. */
const typedArb = fc.letrec<{ num: string; bool: string; str: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('i', 'j', 'd', 'y', 'event.value', '0', '1', '-2', '2.5', '0.0', '3.0', '9007199254740991'),
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('num').map((e) => `-(${e})`),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('b', 'true', 'false', 'y'),
    fc.tuple(tie('num'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('str'), fc.constantFrom('==', '!='), tie('str')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('bool'), fc.constantFrom('&&', '||', '==', '!='), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((e) => `!(${e})`),
  ),
  str: fc.constantFrom('s', '"a"', '""', 'event.text', 'session.language', 'session.operatorId', 'y'),
}));

const dynValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 1e300, -1e300, 2 ** 31),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom('a', '', 'b'),
  fc.boolean(),
  fc.constant(null),
  fc.constant([1] as JsonValue),
);

const valuesArb = fc.record({
  i: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 40, 2 ** 53)),
  j: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(3 ** 33, 2 ** 26)),
  d: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, 1, 1e308)),
  s: fc.constantFrom('a', 'b', ''),
  b: fc.boolean(),
  y: dynValue,
  l: fc.constant([1, 2] as JsonValue),
});

const eventArb = fc.oneof(
  fc.record({ type: fc.constant('ANSWER.qty'), value: dynValue, text: fc.constantFrom('one', 'two') }),
  fc.constant({ type: 'ANSWER.ok' }),
  fc.constant({ type: 'xstate.init', value: 1 }),
);

type Outcome = { value: JsonValue } | { error: string };
const outcome = (f: () => JsonValue): Outcome => {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

/** Whether a checked expression takes the fast path. */
function fastOf(env: ReturnType<typeof buildScopes>[string]['env'], expr: string) {
  const fn = env.parse(expr) as unknown as { ast: unknown; check(): unknown };
  fn.check();
  return compileFast(fn.ast);
}
const isFast = (env: Parameters<typeof fastOf>[0], expr: string) => fastOf(env, expr) !== null;

describe('CEL fast path', () => {
  const scope = buildScopes({ main: { variables: Object.fromEntries(Object.entries(TYPES).map(([k, type]) => [k, { type }])) } }, zeroValue).main!;
  const session: DialogContext['session'] = { sessionId: 's', terminalId: 't', operatorId: null, processKey: 'p', language: 'en' };

  it('gives the same value or error as cel-js, for run (values) and raw (guards)', () => {
    const seen = { fast: 0, slow: 0, answered: 0 };
    fc.assert(
      fc.property(fc.oneof(exprArb, typedArb.num, typedArb.bool, typedArb.str), valuesArb, eventArb, (expr, values, event) => {
        const checked = checkCelIn(scope.env, expr);
        if (!checked.program) return;
        const fast = fastOf(scope.env, expr);
        if (fast) seen.fast++;
        else seen.slow++;
        if (fast && fast(values, event, session) !== BAIL) seen.answered++;
        const context: DialogContext = { vars: { main: values }, session, result: null, settings: { minConfidence: 0.5, noInputTimeoutMs: 1000 } };
        const input = activation(context, scope, event);
        const viaFast = outcome(() => checked.program!.run(input));
        const viaCel = outcome(() => checked.program!.run(input.record()));
        expect(viaFast, expr).toEqual(viaCel);
        const rawFast = outcome(() => checked.program!.raw(input) as JsonValue);
        const rawCel = outcome(() => checked.program!.raw(input.record()) as JsonValue);
        expect(rawFast, expr).toEqual(rawCel);
      }),
      { numRuns: 4000 },
    );
    // Both ways are exercised (a generator that never reached the fast path would prove nothing).
    expect(seen.fast).toBeGreaterThan(100);
    expect(seen.slow).toBeGreaterThan(10);
    expect(seen.answered).toBeGreaterThan(100);
  }, 120_000);

  it('compiles the expressions machines are made of, and leaves the rest to cel-js', () => {
    const fast = (expr: string) => {
      expect(checkCelIn(scope.env, expr).issues, expr).toEqual([]);
      return isFast(scope.env, expr);
    };
    for (const expr of ['i + event.value', 'i >= 100000', 'i', 'b == false && s != ""', '-i', 'd * 2', 'i > 0 ? s : "none"']) expect(fast(expr), expr).toBe(true);
    for (const expr of ['i / 2', 'size(s)', 'l[0]', 's.startsWith("a")', 'event.body.weight', 'l.exists(x, x > 1)']) expect(fast(expr), expr).toBe(false);
  });
});
