import type { Lang, LocalizedText } from '@voiceman/runtime';

/** The card shows the first declared language, falling back to any text there is. */
export function pickText(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || Object.values(text).find(Boolean) || '';
}
