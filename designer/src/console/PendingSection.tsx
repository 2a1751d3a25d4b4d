/** Stands in for a section until its view is merged (the shell ships before the sections). */
import { useLang } from '../ui/i18n.js';

export function PendingSection() {
  const { lang } = useLang();
  return <p className="vm-empty">{lang === 'ru' ? 'Раздел в разработке.' : 'This section is not built yet.'}</p>;
}
