import type { Lang, LocalizedText } from '@voiceman/runtime';

/** An empty text in each language, for new nodes: the designer fills them in. */
export function emptyText(languages: readonly string[]): LocalizedText {
  const text: LocalizedText = {};
  for (const lang of languages) if (lang === 'en' || lang === 'ru') text[lang as Lang] = '';
  return text;
}
