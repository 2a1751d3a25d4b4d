import type { Grammar } from '@voiceman/runtime';

export const grammarTypes = ['phrases', 'digits', 'number', 'yes', 'no'] as const satisfies readonly Grammar['type'][];

/** What a grammar accepts, in a few words, for the node card. */
export function grammarSummary(g: Grammar, lang: string): string {
  switch (g.type) {
    case 'phrases':
      return (g.phrases[lang as 'en'] ?? Object.values(g.phrases)[0] ?? []).join(' · ') || '—';
    case 'digits':
      return g.minLength === g.maxLength ? `${g.minLength} digits` : `${g.minLength}–${g.maxLength} digits`;
    case 'number':
      return `number ${g.minExpr ?? g.min ?? ''}…${g.maxExpr ?? g.max ?? ''}`;
    case 'yes':
      return 'yes';
    case 'no':
      return 'no';
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
