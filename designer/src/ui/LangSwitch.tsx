import { useLang, useT } from './i18n.js';

export function LangSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <select className="vm-lang-switch" aria-label={t('app.language')} value={lang} data-testid="lang-switch" onChange={(e) => setLang(e.target.value as 'en' | 'ru')}>
      <option value="en">English</option>
      <option value="ru">Русский</option>
    </select>
  );
}
