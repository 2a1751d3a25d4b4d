/** The admin console: the sections the user's role may open on the left, the chosen one on the right. */
import { useEffect } from 'react';
import type { User } from '../api/client.js';
import { LangSwitch } from '../ui/LangSwitch.js';
import { useLang } from '../ui/i18n.js';
import { consolePath, type ConsoleRoute } from './route.js';
import { isSectionId, SECTIONS, sectionsFor } from './sections.js';
import { useSectionText, sectionText } from './text.js';

const text = sectionText({
  en: { title: 'Console', processes: 'Processes', noAccess: 'Your role ({role}) cannot open this section.', unknown: 'There is no section “{section}”.' },
  ru: { title: 'Консоль', processes: 'Процессы', noAccess: 'Ваша роль ({role}) не даёт доступа к этому разделу.', unknown: 'Раздела «{section}» нет.' },
});

export function ConsolePage({ route, user, navigate }: { route: ConsoleRoute; user: User; navigate(path: string): void }) {
  const t = useSectionText(text);
  const { lang } = useLang();
  const mine = sectionsFor(user.role);
  const first = mine[0];
  // `#/admin` alone opens the first section the role may see.
  useEffect(() => {
    if (route.section === undefined && first) navigate(consolePath(first));
  }, [route.section, first, navigate]);
  const id = route.section;
  const known = id !== undefined && isSectionId(id);
  const allowed = known && mine.includes(id);
  const View = allowed ? SECTIONS[id].View : undefined;
  return (
    <div className="vm-console" data-testid="console">
      <header className="vm-toolbar">
        <h1 className="vm-title">{t('title')}</h1>
        <a href="#/" data-testid="console-processes">
          {t('processes')}
        </a>
        <span className="vm-muted">
          {user.username} ({user.role})
        </span>
        <LangSwitch />
      </header>
      <div className="vm-console-body">
        <nav className="vm-console-nav" aria-label={t('title')}>
          {mine.map((s) => (
            <a key={s} href={`#${consolePath(s)}`} aria-current={s === id ? 'page' : undefined} data-testid={`console-nav-${s}`}>
              {SECTIONS[s].title[lang]}
            </a>
          ))}
        </nav>
        <main className="vm-console-main" data-testid={id ? `console-section-${id}` : undefined}>
          {id !== undefined && !known && <p className="vm-error">{t('unknown', { section: id })}</p>}
          {known && !allowed && <p className="vm-error">{t('noAccess', { role: user.role })}</p>}
          {View && <View user={user} rest={route.rest} navigate={navigate} />}
        </main>
      </div>
    </div>
  );
}
