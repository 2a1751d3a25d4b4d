import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';
import { checkCel, checkCelIn, createCelEnvironment, toCel } from './cel.js';

const ru = ['короб', 'короба', 'коробов'] as const;

describe('plural', () => {
  it('Russian: 1 короб, 2–4 короба, 5–20 коробов, 21 короб, 42 короба, 111 коробов', () => {
    const said = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 42, 101, 111, 112, 1000].map((n) => `${n} ${plural(n, ru)}`);
    expect(said).toEqual([
      '0 коробов', '1 короб', '2 короба', '4 короба', '5 коробов', '11 коробов', '12 коробов', '14 коробов',
      '21 короб', '22 короба', '25 коробов', '42 короба', '101 короб', '111 коробов', '112 коробов', '1000 коробов',
    ]);
  });

  it('Russian agrees with CLDR (Intl.PluralRules, where the host has it) for every count to 10,000', () => {
    const rules = new Intl.PluralRules('ru');
    const byCategory: Record<string, string> = { one: ru[0], few: ru[1], many: ru[2] };
    for (let n = 0; n <= 10_000; n++) expect(plural(n, ru), String(n)).toBe(byCategory[rules.select(n)]);
  });

  it('Russian fractions take the few form (1,5 короба); the sign does not matter', () => {
    expect(plural(1.5, ru)).toBe('короба');
    expect(plural(-21, ru)).toBe('короб');
    expect(plural(-3n, ru)).toBe('короба');
  });

  it('English: one for 1, the other form otherwise', () => {
    expect([0, 1, 2, 21, 1.5].map((n) => plural(n, ['case', 'cases']))).toEqual(['cases', 'case', 'cases', 'cases', 'cases']);
  });
});

describe('plural() in CEL', () => {
  const env = createCelEnvironment({ qty: 'int', weight: 'double', name: 'string' });
  const run = (expr: string, vars: Record<string, unknown>) => checkCelIn(env, expr).program!.run(vars);

  it('runs on int, double and dyn counts, with two or three forms', () => {
    expect(run("string(qty) + ' ' + plural(qty, 'короб', 'короба', 'коробов')", { qty: toCel(42) })).toBe('42 короба');
    expect(run("plural(qty, 'case', 'cases')", { qty: toCel(1) })).toBe('case');
    expect(run("plural(weight, 'кг', 'кг', 'кг')", { weight: toCel(2.5, 'double') })).toBe('кг');
    expect(run("plural(event.n, 'короб', 'короба', 'коробов')", { event: toCel({ n: 5 }) })).toBe('коробов');
  });

  it('the checker refuses a wrong arity or type, and types the call as string', () => {
    expect(checkCelIn(env, "plural(qty, 'a', 'b')").type).toBe('string');
    expect(checkCel("plural(qty, 'короб')", { qty: 'int' })[0]?.message).toMatch(/no matching overload for 'plural\(int, string\)'/);
    expect(checkCel("plural(name, 'a', 'b')", { name: 'string' })[0]?.message).toMatch(/no matching overload for 'plural\(string, string, string\)'/);
    expect(checkCel("plural(qty, 1, 2, 3)", { qty: 'int' })[0]?.message).toMatch(/no matching overload/);
    expect(checkCel("plural(qty, 'a', 'b', 'c', 'd')", { qty: 'int' })).toHaveLength(1);
  });
});
