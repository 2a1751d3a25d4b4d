import { describe, expect, it } from 'vitest';
import type { FlowProcess } from '@voiceman/compiler';
import { builtinWordOn, builtinWordPhrases, setBuiltinWordOn, setBuiltinWordPhrases } from './builtin-words.js';

const base: FlowProcess = { key: 'p', name: 'P', languages: ['en', 'ru'], variables: [], globalWords: [] };

describe('built-in word settings', () => {
  it('switches a word off and on again, leaving the process as it was', () => {
    const off = setBuiltinWordOn(base, 'backUp', false);
    expect(off.builtinWords).toEqual({ backUp: { off: true } });
    expect(builtinWordOn(off, 'backUp')).toBe(false);
    expect(builtinWordOn(off, 'louder')).toBe(true);
    expect(setBuiltinWordOn(off, 'backUp', true)).toEqual(base);
  });

  it('shows the runtime\'s phrases until the process gives its own, per language', () => {
    expect(builtinWordPhrases(base, 'louder', 'ru')).toEqual(['громче']);
    const own = setBuiltinWordPhrases(base, 'louder', 'ru', ['погромче']);
    expect(own.builtinWords).toEqual({ louder: { phrases: { ru: ['погромче'] } } });
    expect(builtinWordPhrases(own, 'louder', 'ru')).toEqual(['погромче']);
    expect(builtinWordPhrases(own, 'louder', 'en')).toEqual(['louder', 'talk louder']);
  });

  it('the default list again, or an empty one, removes the language\'s own phrases', () => {
    const own = setBuiltinWordPhrases(setBuiltinWordOn(base, 'faster', false), 'faster', 'en', ['speed up']);
    expect(setBuiltinWordPhrases(own, 'faster', 'en', ['faster', 'talk faster']).builtinWords).toEqual({ faster: { off: true } });
    expect(setBuiltinWordPhrases(setBuiltinWordPhrases(base, 'faster', 'en', ['speed up']), 'faster', 'en', [])).toEqual(base);
  });
});
