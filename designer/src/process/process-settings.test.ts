import { describe, expect, it } from 'vitest';
import type { FlowProcess } from '@voiceman/compiler';
import { setDefaultLanguage, setReferenceTables, setSetting, toggleLanguage } from './process-settings.js';

const p: FlowProcess = { key: 'cold', name: 'Cold', languages: ['en', 'ru'], variables: [], globalWords: [] };

describe('process settings edits', () => {
  it('removes English for a Russian-only warehouse, but never the last language', () => {
    const ruOnly = toggleLanguage(p, 'en', false);
    expect(ruOnly.languages).toEqual(['ru']);
    expect(toggleLanguage(ruOnly, 'ru', false).languages).toEqual(['ru']);
  });
  it('makes a language the default by putting it first', () => {
    expect(setDefaultLanguage(p, 'ru').languages).toEqual(['ru', 'en']);
  });
  it('leaves no empty settings or table list behind (the flow text stays as before)', () => {
    const set = setSetting(p, 'minConfidence', 0.6);
    expect(set.settings).toEqual({ minConfidence: 0.6 });
    expect(setSetting(set, 'minConfidence', undefined)).toEqual(p);
    expect(setReferenceTables(setReferenceTables(p, ['bins']), [])).toEqual(p);
  });
});
