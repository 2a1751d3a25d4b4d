/**
 * The words every ask understands without drawing them: repeat, help, back up, and the four
 * voice words (louder, softer, faster, slower). A process may switch each off or give it other
 * phrases per language (`meta.vm.builtinWords`, format version 2); what the words do lives in
 * the ask runner (repeat, help) and the driver (back up: back-up.ts; voice: voice-words.ts).
 */
import type { BuiltinWordName, BuiltinWordSettings, Lang } from './format.js';

export const BUILTIN_WORD_NAMES = ['repeat', 'help', 'backUp', 'louder', 'softer', 'faster', 'slower'] as const satisfies readonly BuiltinWordName[];

/** Default phrases of the built-in words (from the trade's habits, docs/voice-picking). */
export const BUILTIN_WORDS: Record<BuiltinWordName, Record<Lang, string[]>> = {
  repeat: { en: ['repeat', 'say again'], ru: ['повтори', 'повторить', 'повторите'] },
  help: { en: ['help'], ru: ['помощь', 'помоги'] },
  backUp: { en: ['back up'], ru: ['назад'] },
  louder: { en: ['louder', 'talk louder'], ru: ['громче'] },
  softer: { en: ['softer', 'talk quieter'], ru: ['тише'] },
  faster: { en: ['faster', 'talk faster'], ru: ['быстрее'] },
  slower: { en: ['slower', 'talk slower'], ru: ['медленнее'] },
};

export type BuiltinPhrases = Record<BuiltinWordName, Record<Lang, string[]>>;

const resolved = new WeakMap<BuiltinWordSettings, BuiltinPhrases>();

/**
 * The phrases each built-in word has in this process: the defaults, a language's own list where
 * the process gives one, none for a word switched off. Computed once per settings object.
 */
export function builtinPhrases(settings: BuiltinWordSettings | undefined): BuiltinPhrases {
  if (!settings) return BUILTIN_WORDS;
  let phrases = resolved.get(settings);
  if (phrases) return phrases;
  phrases = { ...BUILTIN_WORDS };
  for (const name of BUILTIN_WORD_NAMES) {
    const s = settings[name];
    if (!s) continue;
    phrases[name] = s.off ? { en: [], ru: [] } : { en: s.phrases?.en ?? BUILTIN_WORDS[name].en, ru: s.phrases?.ru ?? BUILTIN_WORDS[name].ru };
  }
  resolved.set(settings, phrases);
  return phrases;
}
