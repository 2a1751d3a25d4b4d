import { describe, expect, it } from 'vitest';
import { matchUtterance, vocabularyFor, wordMatches, type MatchOptions } from './match.js';
import { builtinPhrases } from './builtin-words.js';

const opts: MatchOptions = {
  language: 'en',
  outcomes: [
    { name: 'ready', grammar: { type: 'phrases', phrases: { en: ['ready', 'go ahead'], ru: ['готов'] } } },
    { name: 'qty', grammar: { type: 'number', min: 1, max: 10 } },
  ],
  globalWords: [{ name: 'signOff', phrases: { en: ['sign off'], ru: ['выход'] } }],
};

describe('matchUtterance', () => {
  it('matches phrases and synonyms case-insensitively, value = outcome name', () => {
    expect(matchUtterance('Go ahead', opts)).toEqual({ kind: 'outcome', name: 'ready', value: 'ready' });
    expect(matchUtterance('готов', { ...opts, language: 'ru' })).toEqual({ kind: 'outcome', name: 'ready', value: 'ready' });
  });
  it('matches numbers inside the range only', () => {
    expect(matchUtterance('seven', opts)).toEqual({ kind: 'outcome', name: 'qty', value: 7 });
    expect(matchUtterance('twenty', opts)).toBeNull();
    expect(matchUtterance('twenty', { ...opts, bounds: { qty: { max: 30 } } })).toEqual({ kind: 'outcome', name: 'qty', value: 20 });
  });
  it('knows global and built-in words', () => {
    expect(matchUtterance('sign off', opts)).toEqual({ kind: 'global', name: 'signOff' });
    expect(matchUtterance('say again', opts)).toEqual({ kind: 'repeat' });
    expect(matchUtterance('повтори', { ...opts, language: 'ru' })).toEqual({ kind: 'repeat' });
    expect(matchUtterance('помощь', { ...opts, language: 'ru' })).toEqual({ kind: 'help' });
    expect(matchUtterance('banana', opts)).toBeNull();
  });
  it('a process-wide word wins over a built-in word with the same phrase; a word switched off is not heard', () => {
    const words = [{ name: 'again', phrases: { en: ['Say  again!'], ru: ['ещё'] } }];
    const builtins = builtinPhrases({ help: { off: true }, louder: { phrases: { en: ['volume up'] } } });
    const options: MatchOptions = { ...opts, globalWords: words, builtins };
    expect(matchUtterance('say again', options)).toEqual({ kind: 'global', name: 'again' });
    expect(matchUtterance('repeat', options)).toEqual({ kind: 'repeat' });
    expect(matchUtterance('help', options)).toBeNull();
    expect(matchUtterance('volume up', options)).toEqual({ kind: 'builtin', name: 'louder' });
    expect(matchUtterance('louder', options)).toBeNull();
    // The table is made once per words, phrases and language, and what a match returns is the caller's own.
    const table = wordMatches(words, builtins, 'en');
    expect(wordMatches(words, builtins, 'en')).toBe(table);
    expect(matchUtterance('volume up', { ...options, words: table })).toEqual({ kind: 'builtin', name: 'louder' });
    const m = matchUtterance('repeat', options) as { kind: string };
    m.kind = 'changed';
    expect(matchUtterance('repeat', options)).toEqual({ kind: 'repeat' });
  });
  it('digits of a fixed length', () => {
    const d: MatchOptions = { language: 'ru', outcomes: [{ name: 'cd', grammar: { type: 'digits', minLength: 2, maxLength: 2 } }] };
    expect(matchUtterance('пять семь', d)).toEqual({ kind: 'outcome', name: 'cd', value: '57' });
    expect(matchUtterance('пять семь три', d)).toBeNull();
  });
  it('yes/no carry booleans', () => {
    const yn: MatchOptions = { language: 'en', outcomes: [{ name: 'y', grammar: { type: 'yes' } }, { name: 'n', grammar: { type: 'no' } }] };
    expect(matchUtterance('yes', yn)).toEqual({ kind: 'outcome', name: 'y', value: true });
    expect(matchUtterance('nope', yn)).toEqual({ kind: 'outcome', name: 'n', value: false });
  });
});

describe('vocabularyFor', () => {
  it('lists every phrase that may be heard plus number ranges', () => {
    const v = vocabularyFor(opts);
    expect(v.phrases).toEqual(expect.arrayContaining(['ready', 'go ahead', 'sign off', 'repeat', 'say again', 'help']));
    expect(v.numbers).toEqual({ min: 1, max: 10 });
    expect(v.language).toBe('en');
  });
});

describe('vocabularyFor sharing', () => {
  it('is built once per outcome list, language and global words; CEL bounds build a fresh one', () => {
    const a = vocabularyFor(opts);
    expect(vocabularyFor({ ...opts })).toBe(a);
    expect(a.numbers).toEqual({ min: 1, max: 10 });
    const ru = vocabularyFor({ ...opts, language: 'ru' });
    expect(ru).not.toBe(a);
    expect(ru.phrases).toContain('готов');
    expect(vocabularyFor({ ...opts, globalWords: [] }).phrases).not.toContain('sign off');
    const bounded = vocabularyFor({ ...opts, bounds: { qty: { max: 3 } } });
    expect(bounded.numbers).toEqual({ min: 1, max: 3 });
    expect(vocabularyFor(opts)).toBe(a);
  });
});
