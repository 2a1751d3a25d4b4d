/**
 * Vocabulary checks of one ask: an utterance must mean one thing (no overlap between outcomes,
 * process-wide words and the built-in repeat/help), and words side by side must not sound alike.
 * Phrases are compared after the runtime's own normalisation, so "Ready!" and "ready" are one.
 */
import { BUILTIN_WORD_NAMES, builtinPhrases, NO_WORDS, normalizeText, parseSpokenDigits, parseSpokenNumber, YES_WORDS, type Grammar, type Lang } from '@voiceman/runtime';
import type { FlowGraph } from '../flow.js';
import type { NodeOfKind } from '../kinds/types.js';
import type { LintContext } from './context.js';
import { soundAlike } from './phonetic.js';

interface Word {
  phrase: string;
  /** What the phrase selects: an outcome name, `global word "x"`, `"repeat"`. */
  owner: string;
  field: string;
}

function phrasesOf(grammar: Grammar, lang: Lang): string[] {
  if (grammar.type === 'phrases') return grammar.phrases[lang] ?? [];
  if (grammar.type === 'yes') return YES_WORDS[lang];
  if (grammar.type === 'no') return NO_WORDS[lang];
  return [];
}

export function lintVocabulary(node: NodeOfKind<'ask'>, ctx: LintContext): void {
  const outcomes = node.data.outcomes;
  for (const lang of ctx.languages) {
    const words: Word[] = [];
    outcomes.forEach((outcome, i) => {
      const field = `/outcomes/${i}/grammar`;
      const phrases = phrasesOf(outcome.grammar, lang);
      if (outcome.grammar.type === 'phrases' && phrases.every((p) => normalizeText(p) === '')) {
        ctx.report('ask-empty-vocabulary', `Answer "${outcome.name}" has no ${lang} phrase: the operator cannot choose it in ${lang}.`, {
          nodeId: node.id,
          field: `${field}/phrases/${lang}`,
        });
      }
      for (const phrase of phrases) words.push({ phrase: normalizeText(phrase), owner: `answer "${outcome.name}"`, field });
    });
    (node.data.inPlaceWords ?? []).forEach((word, i) => {
      for (const phrase of word.phrases[lang] ?? []) words.push({ phrase: normalizeText(phrase), owner: `in-place word "${word.name}"`, field: `/inPlaceWords/${i}` });
    });
    const local = words.length;
    const shared = sharedWords(ctx, lang);
    for (const word of shared.words) words.push(word);
    comparePhrases(node, ctx, lang, words, local);
    phrasesAsNumbers(node, ctx, lang, words.slice(0, words.length - shared.builtinCount));
  }
  compareNumbers(node, ctx);
}

/** The words every ask of one lint run hears, per language: normalised once, not once per ask. */
const sharedByRun = new WeakMap<LintContext, Map<Lang, { words: Word[]; builtinCount: number }>>();

/** The process's words (process-wide, then in-place), then the built-in ones (counted). */
function sharedWords(ctx: LintContext, lang: Lang): { words: Word[]; builtinCount: number } {
  let byLang = sharedByRun.get(ctx);
  if (!byLang) sharedByRun.set(ctx, (byLang = new Map()));
  let shared = byLang.get(lang);
  if (shared) return shared;
  const words: Word[] = [];
  ctx.flow.process.globalWords.forEach((word, i) => {
    for (const phrase of word.phrases[lang] ?? []) {
      words.push({ phrase: normalizeText(phrase), owner: `process-wide word "${word.name}"`, field: `/process/globalWords/${i}` });
    }
  });
  (ctx.flow.process.inPlaceWords ?? []).forEach((word, i) => {
    for (const phrase of word.phrases[lang] ?? []) {
      words.push({ phrase: normalizeText(phrase), owner: `in-place word "${word.name}"`, field: `/process/inPlaceWords/${i}` });
    }
  });
  const builtins = builtinPhrases(ctx.flow.process.builtinWords);
  let builtinCount = 0;
  for (const name of BUILTIN_WORD_NAMES) {
    for (const phrase of builtins[name][lang]) {
      words.push({ phrase: normalizeText(phrase), owner: `built-in word "${name}"`, field: '' });
      builtinCount++;
    }
  }
  byLang.set(lang, (shared = { words, builtinCount }));
  return shared;
}

/** Pairs involving at least one of this ask's own phrases (the first `local` entries). */
function comparePhrases(node: NodeOfKind<'ask'>, ctx: LintContext, lang: Lang, words: Word[], local: number): void {
  const firstIndex = new Map<string, number>();
  words.forEach((word, i) => {
    if (word.phrase === '') return;
    const first = firstIndex.get(word.phrase);
    if (first === undefined) {
      firstIndex.set(word.phrase, i);
      return;
    }
    const earlier = words[first]!;
    if (earlier.owner === word.owner || first >= local) return;
    ctx.report(
      'ask-vocabulary-overlap',
      `"${word.phrase}" (${lang}) would select both ${earlier.owner} and ${word.owner}; say it in one place only.`,
      { nodeId: node.id, field: i < local ? word.field : earlier.field },
    );
  });
  // Confusable pairs: distinct phrases of different owners, at least one of them this ask's.
  const distinct = [...firstIndex.values()];
  for (let x = 0; x < distinct.length; x++) {
    const i = distinct[x]!;
    if (i >= local) break;
    for (let y = x + 1; y < distinct.length; y++) {
      const a = words[i]!;
      const b = words[distinct[y]!]!;
      if (a.owner === b.owner || !soundAlike(a.phrase, b.phrase, lang)) continue;
      ctx.report(
        'ask-confusable-words',
        `"${a.phrase}" (${a.owner}) and "${b.phrase}" (${b.owner}) sound alike in ${lang}: in a noisy aisle one is heard as the other. Pick words that differ more.`,
        { nodeId: node.id, field: a.field },
      );
    }
  }
}

/**
 * A phrase the runtime also reads as a number or a digit string ("five") collides with a
 * number or digits answer of the ask whose range or lengths include it: the runtime's own
 * parsers decide. A bound given as an expression is unknown here, so that side is open.
 */
function phrasesAsNumbers(node: NodeOfKind<'ask'>, ctx: LintContext, lang: Lang, words: Word[]): void {
  node.data.outcomes.forEach((outcome, index) => {
    const g = outcome.grammar;
    if (g.type !== 'number' && g.type !== 'digits') return;
    const reported = new Set<string>();
    for (const word of words) {
      if (word.phrase === '' || reported.has(word.phrase) || word.owner === `answer "${outcome.name}"`) continue;
      let heard: string | undefined;
      if (g.type === 'number') {
        const n = parseSpokenNumber(word.phrase, lang);
        const min = g.minExpr === undefined ? (g.min ?? 0) : -Infinity;
        const max = g.maxExpr === undefined ? (g.max ?? Infinity) : Infinity;
        if (n !== null && n >= min && n <= max) heard = `the number ${n}`;
      } else {
        const digits = parseSpokenDigits(word.phrase, lang);
        if (digits !== null && digits.length >= g.minLength && digits.length <= g.maxLength) heard = `the digits ${digits}`;
      }
      if (heard === undefined) continue;
      reported.add(word.phrase);
      ctx.report(
        'ask-vocabulary-overlap',
        `"${word.phrase}" (${lang}) of ${word.owner} is also ${heard}, which answer "${outcome.name}" accepts; say it in one place only.`,
        { nodeId: node.id, field: word.field || `/outcomes/${index}/grammar` },
      );
    }
  });
}

/**
 * This process's words are heard in every ask of a called process too (and of the processes
 * it calls): a phrase one of those asks also accepts would select two things (the runtime takes
 * the caller's word). Reported once per phrase on the subflow node. A callee's own word with
 * the caller's phrase is not reported: the caller's word wins inside the call, which is what a
 * shared "sign off" in every process wants.
 */
export function lintCallerWordsInCallee(
  callee: FlowGraph,
  ctx: LintContext,
  where: { nodeId: string; field: string },
  resolve: (key: string, version: 'draft' | 'published') => FlowGraph | undefined,
): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const visit = (flow: FlowGraph) => {
    if (seen.has(flow.process.key)) return;
    seen.add(flow.process.key);
    for (const lang of ctx.languages) {
      const words = new Map<string, string>();
      for (const word of ctx.flow.process.globalWords) for (const p of word.phrases[lang] ?? []) words.set(normalizeText(p), word.name);
      if (words.size === 0) return;
      const check = (phrase: string, what: string) => {
        const norm = normalizeText(phrase);
        const word = words.get(norm);
        if (word === undefined || reported.has(`${lang}:${norm}`)) return;
        reported.add(`${lang}:${norm}`);
        ctx.report('ask-vocabulary-overlap', `"${norm}" (${lang}) is this process's word "${word}" and also ${what} in the called process "${flow.process.key}": inside the call it would only ever select "${word}". Say it in one place only.`, where);
      };
      for (const node of flow.nodes) {
        if (node.kind === 'ask') for (const o of node.data.outcomes) for (const p of phrasesOf(o.grammar, lang)) check(p, `answer "${o.name}" of its ask "${node.id}"`);
      }
    }
    for (const node of flow.nodes) {
      if (node.kind !== 'subflow') continue;
      const next = resolve(node.data.processKey, node.data.version ?? 'published');
      if (next) visit(next);
    }
  };
  visit(callee);
}

/**
 * A built-in word the process rephrased must still be sayable in each declared language (or be
 * switched off instead).
 */
export function lintBuiltinWords(ctx: LintContext): void {
  const settings = ctx.flow.process.builtinWords ?? {};
  for (const name of BUILTIN_WORD_NAMES) {
    const s = settings[name];
    if (!s || s.off || !s.phrases) continue;
    for (const lang of ctx.languages) {
      const list = s.phrases[lang];
      if (list !== undefined && !list.some((p) => normalizeText(p) !== '')) {
        ctx.report('missing-text', `Built-in word "${name}" has no ${lang} phrase: give one, or switch the word off.`, { field: `/process/builtinWords/${name}/phrases/${lang}` });
      }
    }
  }
}

/**
 * A process-wide word that is also a built-in word (repeat, help, yes, no) takes that word
 * away from every ask, or is never heard: a warning, once per process.
 */
export function lintGlobalWordsAgainstBuiltins(ctx: LintContext): void {
  for (const lang of ctx.languages) {
    const builtins = new Map<string, string>();
    const add = (list: readonly string[], what: string) => list.forEach((p) => builtins.set(normalizeText(p), what));
    const builtinWords = builtinPhrases(ctx.flow.process.builtinWords);
    for (const name of BUILTIN_WORD_NAMES) add(builtinWords[name][lang], `the built-in "${name}"`);
    add(YES_WORDS[lang], 'a yes word');
    add(NO_WORDS[lang], 'a no word');
    const check = (list: readonly { name: string; phrases: Partial<Record<Lang, string[]>> }[], key: string, what: string) =>
      list.forEach((word, i) => {
        for (const phrase of word.phrases[lang] ?? []) {
          const builtin = builtins.get(normalizeText(phrase));
          if (builtin === undefined) continue;
          ctx.report('global-word-builtin', `${what} "${word.name}": "${phrase}" (${lang}) is ${builtin}, which every ask already understands. Pick another phrase.`, {
            field: `/process/${key}/${i}/phrases/${lang}`,
          });
        }
      });
    check(ctx.flow.process.globalWords, 'globalWords', 'Process-wide word');
    check(ctx.flow.process.inPlaceWords ?? [], 'inPlaceWords', 'In-place word');
  }
}

type Range = { min: number; max: number; name: string; index: number };

/**
 * Digit strings and numbers: "two three" is both the digits 23 and the number 23, so a digits
 * and a number outcome (or two of one sort) overlap where their ranges meet. Bounds given by
 * expressions are known only at run time and are not compared.
 */
function compareNumbers(node: NodeOfKind<'ask'>, ctx: LintContext): void {
  const ranges: Range[] = [];
  node.data.outcomes.forEach((outcome, index) => {
    const g = outcome.grammar;
    if (g.type === 'digits') ranges.push({ min: 0, max: 10 ** g.maxLength - 1, name: outcome.name, index });
    if (g.type === 'number' && g.minExpr === undefined && g.maxExpr === undefined) {
      ranges.push({ min: g.min ?? 0, max: g.max ?? Number.MAX_SAFE_INTEGER, name: outcome.name, index });
    }
  });
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (a.min <= b.max && b.min <= a.max) {
        ctx.report(
          'ask-vocabulary-overlap',
          `Answers "${a.name}" and "${b.name}" both accept the numbers ${Math.max(a.min, b.min)}–${Math.min(a.max, b.max)}; only the first would ever be chosen.`,
          { nodeId: node.id, field: `/outcomes/${b.index}/grammar` },
        );
      }
    }
  }
}
