/**
 * Random CEL expressions that reach for host objects, loop or grow: each is refused at check
 * time, or runs to a JSON value or a clean error within the evaluation budget. Nothing leaks
 * out of the sandbox (no functions, no prototypes) and nothing is polluted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCelIn, createCelEnvironment } from '../src/cel.js';
import { CelLimitError } from '../src/cel-limits.js';

const HOST_NAMES = ['this', 'constructor', '__proto__', 'prototype', 'globalThis', 'toString', 'valueOf', 'hasOwnProperty', 'cel', 'process', 'Function'];
const REGEXES = ['^(a+)+$', '(a|aa)+$', '(x+x+)+y', '[', '(?=a)', '(a)\\\\1', 'a{1000}', '.*.*.*=.*', '^[0-9]+$'];

/** CEL source text, built from pieces that probe the sandbox's edges. */
const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('m', 'l', 's', 'n', 'event', 'session', 'ref', '1', '"a"', 'true', 'null', '[]', '{}', ...HOST_NAMES),
    fc.integer({ min: -5, max: 1000 }).map(String),
    fc.constantFrom(...HOST_NAMES).map((k) => JSON.stringify(k)),
    fc.tuple(tie('e'), fc.constantFrom(...HOST_NAMES, 'a', 'size')).map(([e, f]) => `${e}.${f}`),
    fc.tuple(tie('e'), fc.constantFrom(...HOST_NAMES, 'a')).map(([e, k]) => `${e}[${JSON.stringify(k)}]`),
    fc.tuple(fc.constantFrom(...HOST_NAMES, 'a'), tie('e')).map(([k, v]) => `{${JSON.stringify(k)}: ${v}}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} + ${b}`),
    fc.tuple(fc.constantFrom('map', 'filter', 'exists', 'all'), tie('e')).map(([m, body]) => `l.${m}(x, ${m === 'map' ? body : `${body} == x`})`),
    tie('e').map((body) => `l.map(x, l.map(y, l.map(z, ${body})))`),
    tie('e').map((e) => `cel.bind(v, ${e}, v + v)`),
    fc.constantFrom(...REGEXES).map((r) => `s.matches("${r}")`),
    tie('e').map((e) => `dyn(${e})`),
    tie('e').map((e) => `size(${e})`),
  ),
})).e;

const list = Array.from({ length: 200 }, (_, i) => BigInt(i));
const activation = () => ({ m: { a: 1n }, l: list, s: `${'a'.repeat(2000)}!`, n: 3n, event: { value: 1n }, session: { sessionId: 's' }, ref: {} });

/** Only JSON's own shapes: no functions, no class instances, no prototypes but the plain ones. */
function plainJson(value: unknown, depth = 0): boolean {
  if (depth > 300) return false;
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every((v) => plainJson(v, depth + 1));
  if (typeof value !== 'object') return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every((v) => plainJson(v, depth + 1));
}

describe('CEL sandbox (property)', () => {
  it('expressions are refused, answer JSON, or fail cleanly within the budget; nothing leaks or is polluted', () => {
    const env = createCelEnvironment({ m: 'map', l: 'list', s: 'string', n: 'int' });
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const seen = { refused: 0, values: 0, errors: 0, budget: 0 };
    fc.assert(
      fc.property(exprArb, (expr) => {
        const checked = checkCelIn(env, expr);
        if (!checked.program) {
          expect(checked.issues.length).toBeGreaterThan(0);
          seen.refused++;
          return;
        }
        let value: unknown;
        try {
          value = checked.program.run(activation());
        } catch (error) {
          expect(error, expr).toBeInstanceOf(Error);
          if (error instanceof CelLimitError) expect(['cel.budget', 'cel.regex']).toContain(error.code);
          if (error instanceof CelLimitError && error.code === 'cel.budget') seen.budget++;
          else seen.errors++;
          return;
        }
        expect(plainJson(value), expr).toBe(true);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).a).toBeUndefined();
        seen.values++;
      }),
      { numRuns: 300 },
    );
    // The generator reaches every outcome (a generator that only made type errors would prove nothing).
    for (const [outcome, count] of Object.entries(seen)) expect(count, `${outcome}: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
  }, 120_000);

  it('names of host objects are unknown to the checker', () => {
    for (const name of ['this', 'constructor', '__proto__', 'globalThis', 'prototype', 'Function', 'process']) {
      expect(checkCelIn(createCelEnvironment({}), name).issues[0]?.message, name).toMatch(/Unknown variable|Reserved identifier/);
    }
  });
});
