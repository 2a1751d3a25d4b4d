/**
 * Edits of the flow's `process` object as the settings panel makes them. Each returns a new
 * process; keys a flow never used are removed again when cleared (an empty `settings` object,
 * an empty `referenceTables` list), so the flow keeps its text and its compiled hash.
 */
import type { FlowProcess } from '@voiceman/compiler';
import type { Lang } from '@voiceman/runtime';

export const ALL_LANGUAGES: readonly Lang[] = ['en', 'ru'];

/** Checks or unchecks a language; the last one stays (a process needs one). The first is the default. */
export function toggleLanguage(p: FlowProcess, lang: Lang, on: boolean): FlowProcess {
  if (on) return p.languages.includes(lang) ? p : { ...p, languages: [...p.languages, lang] };
  const languages = p.languages.filter((l) => l !== lang);
  return languages.length === 0 ? p : { ...p, languages };
}

export function setDefaultLanguage(p: FlowProcess, lang: Lang): FlowProcess {
  if (!p.languages.includes(lang)) return p;
  return { ...p, languages: [lang, ...p.languages.filter((l) => l !== lang)] };
}

type Settings = NonNullable<FlowProcess['settings']>;

export function setSetting<K extends keyof Settings>(p: FlowProcess, key: K, value: Settings[K] | undefined): FlowProcess {
  const settings: Settings = { ...p.settings };
  if (value === undefined) delete settings[key];
  else settings[key] = value;
  const { settings: _old, ...rest } = p;
  return Object.keys(settings).length === 0 ? rest : { ...rest, settings };
}

export function setReferenceTables(p: FlowProcess, tables: string[]): FlowProcess {
  const { referenceTables: _old, ...rest } = p;
  return tables.length === 0 ? rest : { ...rest, referenceTables: tables };
}

export function setDescription(p: FlowProcess, description: string): FlowProcess {
  const { description: _old, ...rest } = p;
  return description === '' ? rest : { ...rest, description };
}
