/** The audit log: filters, newest first, older pages on demand, the same filters as CSV. */
import { useEffect, useState } from 'react';
import type { AuditEntry } from '@voiceman/server/api-types';
import { useLang } from '../../ui/i18n.js';
import { ErrorLine, localTime, useAction } from '../admin-ui.js';
import { useSectionText } from '../text.js';
import { auditApi } from './api.js';
import { AUDIT_ACTIONS, NO_FILTERS, shortJson, type AuditFilters } from './query.js';
import { auditText } from './text.js';

export function AuditView() {
  const t = useSectionText(auditText);
  const { lang } = useLang();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const action = useAction();

  const load = (f: AuditFilters, before?: number) =>
    action.run(async () => {
      const page = await auditApi.page(f, before);
      setEntries((old) => (before === undefined ? page.entries : [...old, ...page.entries]));
      setNext(page.nextBefore);
    });
  useEffect(() => {
    void load(applied);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [applied]);

  const field = (k: keyof AuditFilters, label: string, type = 'text') => (
    <label>
      {label}
      <input className="vm-input" type={type} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} data-testid={`audit-filter-${k}`} />
    </label>
  );
  return (
    <section data-testid="audit">
      <form className="vm-console-admin-bar" onSubmit={(e) => (e.preventDefault(), setApplied(draft))}>
        <label>
          {t('action')}
          <select className="vm-input" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-filter-action">
            <option value="">{t('anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        {field('actor', t('actor'))}
        {field('target', t('target'))}
        {field('from', t('from'), 'datetime-local')}
        {field('to', t('to'), 'datetime-local')}
        <button type="submit" className="vm-button vm-primary" data-testid="audit-apply">{t('apply')}</button>
        <button type="button" className="vm-button" onClick={() => (setDraft(NO_FILTERS), setApplied(NO_FILTERS))}>{t('reset')}</button>
        <a className="vm-button" href={auditApi.csvUrl(applied)} download data-testid="audit-export">{t('export')}</a>
      </form>
      <ErrorLine error={action.error} />
      <p className="vm-muted">{t('shown', { n: entries.length })}</p>
      {entries.length === 0 && !action.busy ? <p className="vm-empty">{t('none')}</p> : (
        <table className="vm-console-admin-table" data-testid="audit-table">
          <thead><tr><th>{t('at')}</th><th>{t('actor')}</th><th>{t('address')}</th><th>{t('action')}</th><th>{t('targetCol')}</th><th>{t('before')}</th><th>{t('after')}</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td>{localTime(e.at, lang)}</td><td>{e.actor}</td><td>{e.address ?? ''}</td><td>{e.action}</td><td>{e.target}</td>
                <td className="vm-console-audit-json">{shortJson(e.before)}</td><td className="vm-console-audit-json">{shortJson(e.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && <button type="button" className="vm-button" disabled={action.busy} onClick={() => void load(applied, next)}>{t('more')}</button>}
    </section>
  );
}
