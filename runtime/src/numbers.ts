/**
 * Numbers as operators say them: "twenty three", "двадцать три", digit by digit ("two three",
 * "два три"), or as the recogniser's digits ("23"). Whole non-negative numbers below a million.
 */
import type { Lang } from './format.js';

type Word =
  | { kind: 'unit'; value: number } // 0-9
  | { kind: 'teen'; value: number } // 10-19
  | { kind: 'tens'; value: number } // 20-90
  | { kind: 'hundreds'; value: number } // ru: сто..девятьсот
  | { kind: 'hundred' } // en multiplier
  | { kind: 'thousand' };

const units = (words: string[]): Record<string, Word> =>
  Object.fromEntries(words.map((w, i) => [w, { kind: 'unit', value: i } as Word]));
const teens = (words: string[]): Record<string, Word> =>
  Object.fromEntries(words.map((w, i) => [w, { kind: 'teen', value: 10 + i } as Word]));
const tens = (words: string[]): Record<string, Word> =>
  Object.fromEntries(words.map((w, i) => [w, { kind: 'tens', value: 20 + 10 * i } as Word]));

const WORDS: Record<Lang, Record<string, Word>> = {
  en: {
    ...units(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']),
    oh: { kind: 'unit', value: 0 },
    ...teens(['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']),
    ...tens(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']),
    hundred: { kind: 'hundred' },
    thousand: { kind: 'thousand' },
  },
  ru: {
    ...units(['ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять']),
    нуль: { kind: 'unit', value: 0 },
    одна: { kind: 'unit', value: 1 },
    одно: { kind: 'unit', value: 1 },
    две: { kind: 'unit', value: 2 },
    ...teens(['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать']),
    ...tens(['двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто']),
    ...Object.fromEntries(
      ['сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'].map(
        (w, i) => [w, { kind: 'hundreds', value: 100 * (i + 1) } as Word],
      ),
    ),
    тысяча: { kind: 'thousand' },
    тысячи: { kind: 'thousand' },
    тысяч: { kind: 'thousand' },
  },
};

/** Words that carry no value between number words. */
const FILLER: Record<Lang, Set<string>> = { en: new Set(['and', 'a']), ru: new Set() };

const ALREADY_NORMAL = /^[\p{Ll}\p{N}]+(?: [\p{Ll}\p{N}]+)*$/u;

/** Lower case, `ё` → `е`, punctuation and hyphens to spaces. */
export function normalizeText(text: string): string {
  // Recognisers mostly return text that is already normal: one test instead of four rewrites.
  if (ALREADY_NORMAL.test(text) && !text.includes('ё')) return text;
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

function tokens(text: string): string[] {
  const t = normalizeText(text);
  return t === '' ? [] : t.split(' ');
}

/** "five seven" → "57"; "57" → "57"; null unless every token is a digit or digit word. */
export function parseSpokenDigitString(text: string, lang: Lang): string | null {
  const toks = tokens(text);
  if (toks.length === 0) return null;
  let out = '';
  for (const tok of toks) {
    if (/^\d+$/.test(tok)) {
      out += tok;
      continue;
    }
    const w = WORDS[lang][tok];
    if (!w || w.kind !== 'unit') return null;
    out += String(w.value);
  }
  return out;
}

/** Check digits / IDs: digit by digit, or failing that as one number ("fifty seven" → "57"). */
export function parseSpokenDigits(text: string, lang: Lang): string | null {
  const digits = parseSpokenDigitString(text, lang);
  if (digits !== null) return digits;
  const n = parseSpokenNumber(text, lang);
  return n === null ? null : String(n);
}

/** "twenty three" / "двадцать три" / "two three" / "23" → 23; null when it is not a number. */
export function parseSpokenNumber(text: string, lang: Lang): number | null {
  const toks = tokens(text).filter((t) => !FILLER[lang].has(t) || t === 'a');
  if (toks.length === 0) return null;
  const digits = parseSpokenDigitString(text, lang);
  if (digits !== null) return digits.length > 15 ? null : Number(digits);

  let total = 0;
  let group = 0;
  // What the current group (< 1000) can still take: 3 hundreds, 2 tens/teen, 1 unit, 0 nothing.
  let slot = 3;
  let seen = false;
  // After a bare unit ("two"), English allows only "hundred"/"thousand" ("two hundred").
  let onlyMultiplier = false;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (tok === 'a' && lang === 'en') {
      // "a hundred", "a thousand"
      const next = toks[i + 1];
      if (next !== 'hundred' && next !== 'thousand') return null;
      continue;
    }
    if (FILLER[lang].has(tok)) continue;
    const w = WORDS[lang][tok];
    if (!w) return null;
    seen = true;
    if (onlyMultiplier && w.kind !== 'hundred' && w.kind !== 'thousand') return null;
    onlyMultiplier = false;
    switch (w.kind) {
      case 'hundreds':
        if (slot < 3) return null;
        group += w.value;
        slot = 2;
        break;
      case 'hundred':
        if (slot < 3 || group > 9) return null;
        group = (group || 1) * 100;
        slot = 2;
        break;
      case 'tens':
        if (slot < 2) return null;
        group += w.value;
        slot = 1;
        break;
      case 'teen':
        if (slot < 2) return null;
        group += w.value;
        slot = 0;
        break;
      case 'unit':
        if (slot < 1) return null;
        if (w.value === 0 && (group > 0 || total > 0)) return null;
        onlyMultiplier = lang === 'en' && group === 0 && slot === 3 && w.value > 0;
        group += w.value;
        slot = onlyMultiplier ? 3 : 0;
        break;
      case 'thousand':
        if (total > 0) return null;
        total = (group || 1) * 1000;
        group = 0;
        slot = 3;
        break;
    }
  }
  return seen ? total + group : null;
}
