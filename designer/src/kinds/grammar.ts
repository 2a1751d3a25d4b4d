import type { Grammar } from '@voiceman/runtime';
import type { Translate } from '../ui/i18n.js';

export const grammarTypes = ['phrases', 'digits', 'number', 'yes', 'no'] as const satisfies readonly Grammar['type'][];

/** What a grammar accepts, in a few words of the interface language, for the node card. */
export function grammarSummary(g: Grammar, lang: string, t: Translate): string {
  switch (g.type) {
    case 'phrases':
      return (g.phrases[lang as 'en'] ?? Object.values(g.phrases)[0] ?? []).join(' · ') || '—';
    case 'digits':
      return g.minLength === g.maxLength ? t('card.digits', { n: g.minLength }) : t('card.digitsRange', { min: g.minLength, max: g.maxLength });
    case 'number':
      return t('card.number', { min: g.minExpr ?? g.min ?? '', max: g.maxExpr ?? g.max ?? '' });
    case 'yes':
      return t('grammar.yes');
    case 'no':
      return t('grammar.no');
  }
}

export function defaultGrammar(type: Grammar['type'], languages: readonly string[]): Grammar {
  switch (type) {
    case 'phrases':
      return { type, phrases: Object.fromEntries(languages.map((l) => [l, []])) };
    case 'digits':
      return { type, minLength: 2, maxLength: 3 };
    case 'number':
      return { type, min: 0, max: 99 };
    case 'yes':
    case 'no':
      return { type };
  }
}
