/**
 * The process's changes to the built-in words (repeat, help, back up, louder, softer, faster,
 * slower): on/off and phrases per language, as the settings panel edits them. A word left as
 * the runtime has it leaves no trace in the flow (no empty objects), so the flow keeps its text
 * and its compiled hash.
 */
import type { FlowProcess } from '@voiceman/compiler';
import { BUILTIN_WORDS, type BuiltinWordName, type BuiltinWordSetting, type Lang } from '@voiceman/runtime';

export const BUILTIN_WORD_ORDER: readonly BuiltinWordName[] = ['repeat', 'help', 'backUp', 'louder', 'softer', 'faster', 'slower'];

export function builtinWordOn(p: FlowProcess, name: BuiltinWordName): boolean {
  return p.builtinWords?.[name]?.off !== true;
}

/** The phrases the word has in `lang` in this process: its own where given, else the runtime's. */
export function builtinWordPhrases(p: FlowProcess, name: BuiltinWordName, lang: Lang): string[] {
  return p.builtinWords?.[name]?.phrases?.[lang] ?? BUILTIN_WORDS[name][lang];
}

function withSetting(p: FlowProcess, name: BuiltinWordName, edit: (s: BuiltinWordSetting) => BuiltinWordSetting): FlowProcess {
  const setting = edit({ ...p.builtinWords?.[name] });
  if (setting.phrases && Object.keys(setting.phrases).length === 0) delete setting.phrases;
  const words = { ...p.builtinWords };
  if (Object.keys(setting).length === 0) delete words[name];
  else words[name] = setting;
  const { builtinWords: _old, ...rest } = p;
  return Object.keys(words).length === 0 ? rest : { ...rest, builtinWords: words };
}

export function setBuiltinWordOn(p: FlowProcess, name: BuiltinWordName, on: boolean): FlowProcess {
  return withSetting(p, name, ({ off: _old, ...s }) => (on ? s : { ...s, off: true }));
}

/** Own phrases in `lang`; the runtime's own list (or nothing) puts the default back. */
export function setBuiltinWordPhrases(p: FlowProcess, name: BuiltinWordName, lang: Lang, phrases: string[]): FlowProcess {
  const same = phrases.length === 0 || (phrases.length === BUILTIN_WORDS[name][lang].length && phrases.every((x, i) => x === BUILTIN_WORDS[name][lang][i]));
  return withSetting(p, name, (s) => {
    const { [lang]: _old, ...others } = s.phrases ?? {};
    return { ...s, phrases: same ? others : { ...others, [lang]: phrases } };
  });
}
