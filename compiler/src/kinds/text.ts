import type { Lang, LocalizedText } from '@voiceman/runtime';
import { canonicalForm } from '../canonical.js';

/** An empty text in each language, for new nodes: the designer fills them in. */
export function emptyText(languages: readonly string[]): LocalizedText {
  const text: LocalizedText = {};
  for (const lang of languages) if (lang === 'en' || lang === 'ru') text[lang as Lang] = '';
  return text;
}

/** `vm.say` params of a text, keys in canonical order ("scope" < "text"). */
export function sayParams(text: LocalizedText, scope: string): { scope?: string; text: LocalizedText } {
  return scope === 'main' ? { text: canonicalForm(text) } : { scope, text: canonicalForm(text) };
}
