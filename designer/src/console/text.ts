/**
 * Each console section keeps its interface text beside it, in both languages: a section's
 * catalogue is `{ en, ru }` with the same keys (the type checks it), filled as the rest of the
 * designer's messages (`{name}`, `{n:one|other}` / `{n:one|few|many|other}`).
 */
import { useCallback } from 'react';
import { fill, type UiLang } from '../i18n/messages.js';
import { useLang } from '../ui/i18n.js';

export type SectionText<K extends string> = { en: Record<K, string>; ru: Record<K, string> };

export function sectionText<K extends string>(text: SectionText<K>) {
  return text;
}

export function translateSection<K extends string>(text: SectionText<K>, lang: UiLang, key: K, params?: Record<string, string | number>): string {
  return fill(lang, text[lang][key], params);
}

export function useSectionText<K extends string>(text: SectionText<K>): (key: K, params?: Record<string, string | number>) => string {
  const { lang } = useLang();
  return useCallback((key: K, params?: Record<string, string | number>) => translateSection(text, lang, key, params), [text, lang]);
}
