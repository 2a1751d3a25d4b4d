import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { translate, type MessageKey, type UiLang } from '../i18n/messages.js';

const STORAGE_KEY = 'voiceman.lang';

interface LangValue {
  lang: UiLang;
  setLang(lang: UiLang): void;
}

const LangContext = createContext<LangValue>({ lang: 'en', setLang: () => {} });

function initialLang(): UiLang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'ru') return saved;
  return typeof navigator !== 'undefined' && navigator.language.startsWith('ru') ? 'ru' : 'en';
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLang>(initialLang);
  const setLang = useCallback((next: UiLang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangValue {
  return useContext(LangContext);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function useT(): Translate {
  const { lang } = useLang();
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
