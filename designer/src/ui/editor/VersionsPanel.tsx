import { useEffect, useState } from 'react';
import { api, type VersionSummary } from '../../api/client.js';
import { formatDateTime } from '../../i18n/messages.js';
import { useLang, useT } from '../i18n.js';

/** Published versions, newest first; any can be opened read-only. */
export function VersionsPanel({ processKey, refresh, onOpen, current }: { processKey: string; refresh: number; onOpen(n: number): void; current?: number }) {
  const t = useT();
  const { lang } = useLang();
  const [versions, setVersions] = useState<VersionSummary[] | undefined>();
  useEffect(() => {
    let live = true;
    api.listVersions(processKey).then(
      (v) => live && setVersions([...v].sort((a, b) => b.number - a.number)),
      () => live && setVersions([]),
    );
    return () => {
      live = false;
    };
  }, [processKey, refresh]);
  if (!versions) return null;
  if (versions.length === 0) return <p className="vm-empty">{t('versions.none')}</p>;
  return (
    <ul className="vm-versions" data-testid="versions">
      {versions.map((v) => (
        <li key={v.number} className={v.number === current ? 'is-current' : ''}>
          <div>
            <b>v{v.number}</b> <span className="vm-muted">{formatDateTime(lang, v.createdAt)} · {v.author}</span>
          </div>
          {v.note && <div className="vm-version-note">{v.note}</div>}
          <code className="vm-muted">{v.hash.slice(0, 12)}</code>{' '}
          <button type="button" className="vm-link-button" data-testid={`version-open-${v.number}`} onClick={() => onOpen(v.number)}>
            {t('versions.view')}
          </button>
        </li>
      ))}
    </ul>
  );
}
