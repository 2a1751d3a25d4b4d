/**
 * `plural(n, one, other)` and `plural(n, one, few, many)`: the word form that agrees with a
 * count, for prompts ("{{ qty }} {{ plural(qty, 'короб', 'короба', 'коробов') }}").
 *
 * Two forms follow English (one for 1, the other for every other number); three forms follow
 * Russian by CLDR's cardinal rules: one when n % 10 = 1 and n % 100 ≠ 11 (1, 21, 101), few
 * when n % 10 is 2–4 and n % 100 is not 12–14 (2, 23, 104), many otherwise (0, 5, 11, 112).
 * A fraction takes the few form (CLDR's "other": 1,5 короба). The sign is ignored.
 *
 * Written out rather than `Intl.PluralRules`: the runtime also runs in QuickJS, which has no
 * `Intl`, and the two rules are all the languages a machine may declare (en, ru).
 */

/** The Russian CLDR category of an integer (0 for a fraction's "other", which reads as few). */
function russianForm(n: number): 0 | 1 | 2 {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 0;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 1;
  return 2;
}

export function plural(count: number | bigint, forms: readonly [string, string] | readonly [string, string, string]): string {
  const n = typeof count === 'bigint' ? Number(count < 0n ? -count : count) : Math.abs(count);
  const integral = Number.isInteger(n);
  if (forms.length === 2) return n === 1 ? forms[0] : forms[1];
  if (!integral) return forms[1];
  return forms[russianForm(n)];
}

/** CEL overloads `register` declares (signature → handler); cel-js hands ints as bigint. */
export const PLURAL_OVERLOADS: Record<string, (...args: never[]) => string> = {
  'plural(int, string, string): string': (n: bigint, one: string, other: string) => plural(n, [one, other]),
  'plural(int, string, string, string): string': (n: bigint, one: string, few: string, many: string) => plural(n, [one, few, many]),
  'plural(double, string, string): string': (n: number, one: string, other: string) => plural(n, [one, other]),
  'plural(double, string, string, string): string': (n: number, one: string, few: string, many: string) => plural(n, [one, few, many]),
};
