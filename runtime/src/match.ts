/**
 * What an utterance means inside one ask: an outcome (with its value), a process-wide word,
 * or one of the built-in words (repeat, help). Local outcomes win over process-wide words.
 */
import type { AskOutcome, BuiltinWordName, GlobalWord, Grammar, JsonValue, Lang } from './format.js';
import { BUILTIN_WORD_NAMES, BUILTIN_WORDS, type BuiltinPhrases } from './builtin-words.js';
import type { ListenVocabulary } from './host.js';
import { normalizeText, parseSpokenDigits, parseSpokenNumber } from './numbers.js';

export const YES_WORDS: Record<Lang, string[]> = {
  en: ['yes', 'yeah', 'yep', 'correct', 'right'],
  ru: ['да', 'верно', 'правильно', 'так точно'],
};
export const NO_WORDS: Record<Lang, string[]> = {
  en: ['no', 'nope', 'wrong', 'incorrect'],
  ru: ['нет', 'неверно', 'неправильно'],
};
export { BUILTIN_WORDS } from './builtin-words.js';

/** Number bounds after CEL `minExpr`/`maxExpr` were evaluated (by outcome name). */
export type ResolvedBounds = Record<string, { min?: number; max?: number }>;

export interface MatchOptions {
  language: Lang;
  outcomes: AskOutcome[];
  globalWords?: GlobalWord[];
  bounds?: ResolvedBounds;
  /** The built-in words' phrases in this process (`builtinPhrases`); default: all on, default phrases. */
  builtins?: BuiltinPhrases;
  /** `wordMatches(globalWords, builtins, language)`, looked up once by the caller (an ask, per visit). */
  words?: WordMatches;
}

/** Normalised phrase → the word it means: the process-wide words first, then the built-in ones. */
export type WordMatches = ReadonlyMap<string, Exclude<UtteranceMatch, { kind: 'outcome' }>>;

export type UtteranceMatch =
  | { kind: 'outcome'; name: string; value: JsonValue }
  | { kind: 'global'; name: string }
  | { kind: 'repeat' }
  | { kind: 'help' }
  | { kind: 'builtin'; name: Exclude<BuiltinWordName, 'repeat' | 'help'> };

const phraseSets = new WeakMap<string[], Set<string>>();
const NONE = new Set<string>();

/** Normalised phrases, computed once per (immutable, prepared) phrase list. */
function phraseSet(phrases: string[] | undefined): Set<string> {
  if (!phrases) return NONE;
  let set = phraseSets.get(phrases);
  if (!set) phraseSets.set(phrases, (set = new Set(phrases.map(normalizeText))));
  return set;
}

function matchGrammar(grammar: Grammar, text: string, lang: Lang, bounds?: { min?: number; max?: number }): JsonValue | undefined {
  switch (grammar.type) {
    case 'phrases':
      return phraseSet(grammar.phrases[lang]).has(text) ? true : undefined;
    case 'yes':
      return phraseSet(YES_WORDS[lang]).has(text) ? true : undefined;
    case 'no':
      return phraseSet(NO_WORDS[lang]).has(text) ? false : undefined;
    case 'digits': {
      const digits = parseSpokenDigits(text, lang);
      if (digits === null || digits.length < grammar.minLength || digits.length > grammar.maxLength) return undefined;
      return digits;
    }
    case 'number': {
      const n = parseSpokenNumber(text, lang);
      const min = bounds?.min ?? grammar.min;
      const max = bounds?.max ?? grammar.max;
      if (n === null || (min !== undefined && n < min) || (max !== undefined && n > max)) return undefined;
      return n;
    }
  }
}

/**
 * Matches one hypothesis text. Phrase outcomes carry the outcome's name as value (stable across
 * languages), yes/no carry true/false, digits a string, numbers a number.
 */
export function matchUtterance(text: string, options: MatchOptions): UtteranceMatch | null {
  const lang = options.language;
  const norm = normalizeText(text);
  if (norm === '') return null;
  for (const outcome of options.outcomes) {
    const value = matchGrammar(outcome.grammar, norm, lang, options.bounds?.[outcome.name]);
    if (value === undefined) continue;
    return { kind: 'outcome', name: outcome.name, value: outcome.grammar.type === 'phrases' ? outcome.name : value };
  }
  const hit = (options.words ?? wordMatches(options.globalWords, options.builtins, lang)).get(norm);
  return hit ? { ...hit } : null;
}

const NO_GLOBAL_WORDS: GlobalWord[] = [];
const wordTables = new WeakMap<GlobalWord[], Map<BuiltinPhrases, Partial<Record<Lang, WordMatches>>>>();

/**
 * Every word an ask hears besides its outcomes, as one table per (global words, built-in
 * phrases, language), made once: a hypothesis that is no outcome costs one lookup instead of a
 * pass over each word's phrases. Earlier entries win, so the order of the old passes is kept.
 */
export function wordMatches(globalWords: GlobalWord[] = NO_GLOBAL_WORDS, builtins: BuiltinPhrases = BUILTIN_WORDS, lang: Lang): WordMatches {
  let byBuiltins = wordTables.get(globalWords);
  if (!byBuiltins) wordTables.set(globalWords, (byBuiltins = new Map()));
  let byLang = byBuiltins.get(builtins);
  if (!byLang) byBuiltins.set(builtins, (byLang = {}));
  let table = byLang[lang];
  if (table) return table;
  const map = new Map<string, Exclude<UtteranceMatch, { kind: 'outcome' }>>();
  const add = (phrase: string, m: Exclude<UtteranceMatch, { kind: 'outcome' }>) => {
    const norm = normalizeText(phrase);
    if (norm !== '' && !map.has(norm)) map.set(norm, m);
  };
  for (const word of globalWords) for (const phrase of word.phrases[lang] ?? []) add(phrase, { kind: 'global', name: word.name });
  for (const name of BUILTIN_WORD_NAMES) {
    const m: Exclude<UtteranceMatch, { kind: 'outcome' }> = name === 'repeat' ? { kind: 'repeat' } : name === 'help' ? { kind: 'help' } : { kind: 'builtin', name };
    for (const phrase of builtins[name][lang]) add(phrase, m);
  }
  table = byLang[lang] = map;
  return table;
}

// Without CEL bounds an ask's vocabulary depends only on its (prepared, immutable) outcome
// list, the global words and the language: built once, shared by every visit of the state.
const vocabularies = new WeakMap<AskOutcome[], { globalWords: GlobalWord[] | undefined; builtins: BuiltinPhrases | undefined; language: Lang; vocabulary: ListenVocabulary }[]>();

function hasBounds(bounds: ResolvedBounds | undefined): boolean {
  for (const _ in bounds) return true;
  return false;
}

/**
 * The recogniser's vocabulary for an ask: every phrase it may hear, plus digit/number ranges.
 * The result may be shared between calls: hosts read it, never change it.
 */
export function vocabularyFor(options: MatchOptions): ListenVocabulary {
  if (hasBounds(options.bounds)) return buildVocabulary(options);
  let list = vocabularies.get(options.outcomes);
  if (!list) vocabularies.set(options.outcomes, (list = []));
  const hit = list.find((v) => v.globalWords === options.globalWords && v.builtins === options.builtins && v.language === options.language);
  if (hit) return hit.vocabulary;
  const vocabulary = buildVocabulary(options);
  list.push({ globalWords: options.globalWords, builtins: options.builtins, language: options.language, vocabulary });
  return vocabulary;
}

function buildVocabulary(options: MatchOptions): ListenVocabulary {
  const lang = options.language;
  const phrases: string[] = [];
  let digits: ListenVocabulary['digits'];
  let numbers: ListenVocabulary['numbers'];
  for (const { name, grammar } of options.outcomes) {
    if (grammar.type === 'phrases') phrases.push(...(grammar.phrases[lang] ?? []));
    else if (grammar.type === 'yes') phrases.push(...YES_WORDS[lang]);
    else if (grammar.type === 'no') phrases.push(...NO_WORDS[lang]);
    else if (grammar.type === 'digits') {
      digits = {
        minLength: Math.min(digits?.minLength ?? Infinity, grammar.minLength),
        maxLength: Math.max(digits?.maxLength ?? 0, grammar.maxLength),
      };
    } else {
      const b = options.bounds?.[name];
      numbers = {};
      const min = b?.min ?? grammar.min;
      const max = b?.max ?? grammar.max;
      if (min !== undefined) numbers.min = min;
      if (max !== undefined) numbers.max = max;
    }
  }
  for (const word of options.globalWords ?? []) phrases.push(...(word.phrases[lang] ?? []));
  const builtins = options.builtins ?? BUILTIN_WORDS;
  for (const name of BUILTIN_WORD_NAMES) phrases.push(...builtins[name][lang]);
  const vocabulary: ListenVocabulary = { language: lang, phrases: [...new Set(phrases)] };
  if (digits) vocabulary.digits = digits;
  if (numbers) vocabulary.numbers = numbers;
  return vocabulary;
}
