/**
 * "Do these two words sound alike?" for the confusable-words check. The rule (documented in
 * docs/flow-format.md): each phrase gets a phonetic key per language, a coarse spelling of
 * how it sounds; two phrases are confusable when their keys are equal or one edit apart
 * (Levenshtein distance ≤ 1), i.e. they differ by about one sound.
 */
import type { Lang } from '@voiceman/runtime';

// English: spelling to sound, most specific first. Letters become sounds: `S` = sh, `C` = ch,
// `T` = th, `N` = ng; vowels collapse to their letter, doubled letters to one.
const EN_RULES: [RegExp, string][] = [
  [/^kn/, 'n'],
  [/^wr/, 'r'],
  [/^ps/, 's'],
  [/tch/g, 'C'],
  [/ch/g, 'C'],
  [/sh/g, 'S'],
  [/th/g, 'T'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/ng/g, 'N'],
  [/gh(?![aeiou])/g, ''],
  [/qu/g, 'kw'],
  [/dg/g, 'j'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/y(?=[^aeiou]|$)/g, 'i'],
  [/ee|ea|ie/g, 'i'],
  [/oo|ou/g, 'u'],
  [/ai|ay|ei|ey/g, 'a'],
  [/(?<=[a-zA-Z]{2})e$/g, ''],
  [/(?<=[a-zA-Z]{2})e(?=s$)/g, ''],
];

// Russian: vowel reduction (unstressed о sounds like а; stress is unknown, so always),
// я/ю/е/ё/э to their plain vowels, signs dropped, voiced consonants devoiced at the end.
const RU_MAP: Record<string, string> = { о: 'а', ё: 'е', э: 'е', я: 'а', ю: 'у', ы: 'и', й: 'и', ь: '', ъ: '' };
const RU_DEVOICE: Record<string, string> = { б: 'п', в: 'ф', г: 'к', д: 'т', ж: 'ш', з: 'с' };

// Keys of the same phrases (built-in and process-wide words, common answers) are asked for by
// every ask of every lint run: remembered per language (no key string built per lookup), up to a
// bound so a long-running server stays small.
const keyCache: Record<Lang, Map<string, string>> = { en: new Map(), ru: new Map() };
const KEY_CACHE_LIMIT = 10_000;

export function phoneticKey(phrase: string, lang: Lang): string {
  const cache = keyCache[lang];
  let key = cache.get(phrase);
  if (key === undefined) {
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(phrase, (key = computeKey(phrase, lang)));
  }
  return key;
}

function computeKey(phrase: string, lang: Lang): string {
  const words = phrase
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return words.map((w) => (lang === 'en' ? englishKey(w) : russianKey(w))).join(' ');
}

function englishKey(word: string): string {
  let key = word;
  for (const [pattern, replacement] of EN_RULES) key = key.replace(pattern, replacement);
  return collapse(key);
}

function russianKey(word: string): string {
  let key = '';
  for (const ch of word) key += RU_MAP[ch] ?? ch;
  // Devoice a run of voiced consonants at the end: "глаз" sounds like "глас".
  const chars = [...key];
  for (let i = chars.length - 1; i >= 0 && RU_DEVOICE[chars[i]!] !== undefined; i--) chars[i] = RU_DEVOICE[chars[i]!]!;
  return collapse(chars.join(''));
}

function collapse(key: string): string {
  return key.replace(/(.)\1+/g, '$1');
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = 1): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Levenshtein distance ≤ 1, without editDistance's rows: equal, one substitution (same length)
 * or one insertion (lengths one apart). Every ask compares each of its phrases with every
 * process-wide and built-in word, so this runs thousands of times in a large flow.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === b.length) return true; // equal, or a is b plus one trailing character
  // First difference at i: skip one character of a (insertion) or of both (substitution).
  const skip = a.length === b.length ? 1 : 0;
  for (let j = i + 1; j < a.length; j++) if (a.charCodeAt(j) !== b.charCodeAt(j - 1 + skip)) return false;
  return true;
}

/** Whether two (different) phrases would be easy to mishear for each other. */
export function soundAlike(a: string, b: string, lang: Lang): boolean {
  return withinOneEdit(phoneticKey(a, lang), phoneticKey(b, lang));
}
