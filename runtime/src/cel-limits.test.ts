import { describe, expect, it } from 'vitest';
import { checkCel, createCelEnvironment, checkCelIn } from './cel.js';
import { CEL_LIMITS, CelLimitError } from './cel-limits.js';

const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(', ')}]`;
const thousand = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;

/** Runs `expr` with `values` for variables typed `types`; returns the value or the thrown error. */
function evaluate(expr: string, types: Record<string, 'string' | 'list' | 'dyn' | 'int'> = {}, values: Record<string, unknown> = {}) {
  const env = createCelEnvironment(types);
  const checked = checkCelIn(env, expr);
  if (!checked.program) throw new Error(`does not check: ${JSON.stringify(checked.issues)}`);
  try {
    return checked.program.run({ event: {}, session: {}, ref: {}, ...values });
  } catch (error) {
    return error as Error;
  }
}

const budgetError = (value: unknown) => value instanceof CelLimitError && value.code === 'cel.budget';

describe('CEL evaluation budget', () => {
  it('stops three nested maps over a 1,000-element list (10^9 steps) with cel.budget', () => {
    const out = evaluate(`${thousand}.map(x, ${thousand}.map(y, ${thousand}.map(z, x + y + z)))`);
    expect(budgetError(out)).toBe(true);
    expect((out as Error).message).toMatch(/evaluation budget/);
  });

  it('stops cel.bind doubling a list 30 times before it fills the heap', () => {
    let expr = 'l.size()';
    for (let i = 30; i > 0; i--) expr = `cel.bind(l, l + l, ${expr})`;
    expect(budgetError(evaluate(`cel.bind(l, [1, 2], ${expr})`))).toBe(true);
  });

  it('stops a string that grows over the size cap, and a join that would', () => {
    let expr = 's';
    for (let i = 0; i < 20; i++) expr = `cel.bind(s, s + s, ${expr})`;
    const grown = evaluate(expr, { s: 'string' }, { s: 'abcdefgh' });
    expect(budgetError(grown)).toBe(true);
    expect((grown as Error).message).toMatch(/string of \d+ characters/);
    const big = 'x'.repeat(1000);
    expect(budgetError(evaluate(`${hundred}.map(i, s).join(",")`, { s: 'string' }, { s: big.repeat(2) }))).toBe(true);
  });

  it('is not fooled by || absorbing the error of an exhausted side', () => {
    expect(budgetError(evaluate(`${thousand}.exists(x, ${thousand}.exists(y, ${thousand}.exists(z, z < 0))) || true`))).toBe(true);
  });

  it('leaves ordinary expressions over WMS-sized data alone', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ sku: `S${i}`, qty: BigInt(i % 7) }));
    const out = evaluate('l.filter(i, i.qty > 0).map(i, i.sku).size()', { l: 'list' }, { l: items });
    expect(out).toBe(4285);
    expect(evaluate('"ab" + "cd"')).toBe('abcd');
    expect(evaluate(`${hundred}.map(x, ${hundred}.map(y, x * y)).size()`)).toBe(100);
    expect(CEL_LIMITS.cost).toBeGreaterThan(100 * 100 * 10);
  });
});

describe('matches runs on RE2', () => {
  it('answers a catastrophic pattern over a long subject at once (no backtracking)', () => {
    const subject = `${'a'.repeat(5000)}!`;
    expect(evaluate('s.matches(p)', { s: 'string', p: 'string' }, { s: subject, p: '^(a+)+$' })).toBe(false);
    expect(evaluate('s.matches(p)', { s: 'string', p: 'string' }, { s: 'aaaa', p: '^(a|aa)+$' })).toBe(true);
  });

  it('keeps search semantics (a match anywhere, as CEL specifies)', () => {
    expect(evaluate('"slot A-12".matches("[A-Z]-[0-9]+")')).toBe(true);
    expect(evaluate('"slot A-12".matches("^[A-Z]-[0-9]+$")')).toBe(false);
  });

  it('refuses an invalid pattern computed at run time with cel.regex', () => {
    const out = evaluate('s.matches(p)', { s: 'string', p: 'string' }, { s: 'x', p: '(' });
    expect(out).toBeInstanceOf(CelLimitError);
    expect((out as CelLimitError).code).toBe('cel.regex');
  });

  it('refuses literal patterns that are not RE2 at check time, with the range of the literal', () => {
    expect(checkCel('s.matches("(")', { s: 'string' })).toEqual([expect.objectContaining({ code: 'cel.regex', start: 10, end: 13 })]);
    expect(checkCel('s.matches("(?<=a)b")', { s: 'string' })[0]).toMatchObject({ code: 'cel.regex' });
    expect(checkCel('s.matches("(a)\\\\1")', { s: 'string' })[0]).toMatchObject({ code: 'cel.regex' });
    expect(checkCel('s.matches("^(a+)+$")', { s: 'string' })).toEqual([]);
  });
});

describe('host objects stay out of reach', () => {
  it('refuses prototype keys in map literals at check time', () => {
    expect(checkCel('{"__proto__": 1}', {})[0]).toMatchObject({ code: 'cel.key' });
    expect(checkCel('{"a": {"constructor": 1}}', {})[0]).toMatchObject({ code: 'cel.key' });
  });

  it('finds no JS internals through field access', () => {
    for (const expr of ['m.constructor', 'm["__proto__"]', 'm.toString', 'dyn(m).prototype']) {
      const out = evaluate(expr, { m: 'dyn' }, { m: { a: 1n } });
      expect(out, expr).toBeInstanceOf(Error);
      expect((out as Error).message, expr).toMatch(/No such key/);
    }
  });
});
