/** Reference tables: the list; a table's rows (edited by admins), CSV export/import, revisions and the versions that froze them. */
import { useEffect, useState } from 'react';
import type { ReferenceImportResult } from '@voiceman/server/api-types';
import { Modal } from '../../ui/Modal.js';
import { useLang } from '../../ui/i18n.js';
import { ErrorLine, localTime, useAction, useResource } from '../admin-ui.js';
import { consolePath } from '../route.js';
import type { SectionProps } from '../sections.js';
import { useSectionText } from '../text.js';
import { referenceApi, type ReferenceTableRows } from './api.js';
import { referenceRoute, rowProblems, sameRows, type EditRow } from './edit.js';
import { referenceText } from './text.js';

export function ReferenceView({ user, rest, navigate }: SectionProps) {
  const route = referenceRoute(rest);
  if (!route.table) return <TableList />;
  return <TableDetail name={route.table} revision={route.revision} admin={user.role === 'admin'} navigate={navigate} />;
}

function TableList() {
  const t = useSectionText(referenceText);
  const { lang } = useLang();
  const tables = useResource(referenceApi.list, 'tables');
  return (
    <section data-testid="reference">
      <ErrorLine error={tables.error} />
      {tables.data?.length === 0 && <p className="vm-empty">{t('none')}</p>}
      <table className="vm-console-admin-table">
        <thead><tr><th>{t('table')}</th><th>{t('revision')}</th><th>{t('rows')}</th><th>{t('updated')}</th><th>{t('by')}</th></tr></thead>
        <tbody>
          {tables.data?.map((r) => (
            <tr key={r.name}>
              <td><a href={`#${consolePath('reference', r.name)}`} data-testid={`reference-open-${r.name}`}>{r.name}</a></td>
              <td>{r.revision}</td><td>{r.rows}</td><td>{localTime(r.updatedAt, lang)}</td><td>{r.updatedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TableDetail({ name, revision, admin, navigate }: { name: string; revision?: number; admin: boolean; navigate(path: string): void }) {
  const t = useSectionText(referenceText);
  const { lang } = useLang();
  const table = useResource(() => (revision ? referenceApi.revision(name, revision) : referenceApi.get(name)), `${name}/${revision ?? ''}`);
  const history = useResource(() => referenceApi.revisions(name), `${name}-history`);
  const reload = () => (table.reload(), history.reload());
  const editable = admin && revision === undefined;
  return (
    <section data-testid="reference-table">
      <p><a href={`#${consolePath('reference')}`}>← {t('back')}</a></p>
      <h2>{name} {revision && <span className="vm-muted">{t('readOnly', { n: revision })}</span>}</h2>
      <ErrorLine error={table.error} />
      {table.data && (editable ? <RowsEditor table={table.data} onSaved={reload} /> : <RowsTable rows={table.data.rows} />)}
      {!admin && <p className="vm-muted">{t('viewer')}</p>}
      {table.data && (
        <div className="vm-console-admin-bar">
          <a className="vm-button" href={referenceApi.csvUrl(name, revision)} download data-testid="reference-export">{t('exportCsv')}</a>
          {editable && <ImportCsv table={table.data} onImported={reload} />}
        </div>
      )}
      <h3>{t('history')}</h3>
      <ErrorLine error={history.error} />
      <table className="vm-console-admin-table" data-testid="reference-history">
        <thead><tr><th>{t('revision')}</th><th>{t('rows')}</th><th>{t('updated')}</th><th>{t('by')}</th><th>{t('frozenBy')}</th><th /></tr></thead>
        <tbody>
          {history.data?.map((r, i) => (
            <tr key={r.revision}>
              <td>{r.revision}{i === 0 && <span className="vm-muted"> ({t('current')})</span>}</td><td>{r.rows}</td><td>{localTime(r.updatedAt, lang)}</td><td>{r.updatedBy}</td>
              <td>{r.frozenBy.length ? r.frozenBy.map((f) => `${f.processKey} v${f.versionNumber}`).join(', ') : <span className="vm-muted">{t('notFrozen')}</span>}</td>
              <td><button type="button" className="vm-link-button" onClick={() => navigate(consolePath('reference', i === 0 ? name : `${name}/${r.revision}`))}>{t('view')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RowsTable({ rows }: { rows: EditRow[] }) {
  const t = useSectionText(referenceText);
  return (
    <table className="vm-console-admin-table">
      <thead><tr><th>{t('key')}</th><th>{t('value')}</th></tr></thead>
      <tbody>{rows.map((r) => <tr key={r.key}><td className="vm-mono">{r.key}</td><td>{r.value}</td></tr>)}</tbody>
    </table>
  );
}

function RowsEditor({ table, onSaved }: { table: ReferenceTableRows; onSaved(): void }) {
  const t = useSectionText(referenceText);
  const [rows, setRows] = useState<EditRow[]>(table.rows);
  const [saved, setSaved] = useState<number>();
  const action = useAction();
  useEffect(() => setRows(table.rows), [table]);
  const problems = rowProblems(rows);
  const set = (i: number, patch: Partial<EditRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div>
      <table className="vm-console-admin-table" data-testid="reference-rows">
        <thead><tr><th>{t('key')}</th><th>{t('value')}</th><th /></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input className="vm-input vm-mono" value={r.key} maxLength={200} onChange={(e) => set(i, { key: e.target.value })} aria-invalid={problems[i] !== undefined} data-testid="reference-key" />
                {problems[i] && <div className="vm-error">{t(problems[i]!)}</div>}
              </td>
              <td><input className="vm-input" value={r.value} maxLength={2000} onChange={(e) => set(i, { value: e.target.value })} data-testid="reference-value" /></td>
              <td><button type="button" className="vm-link-button vm-danger" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('remove')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="vm-console-admin-bar">
        <button type="button" className="vm-button" onClick={() => setRows([...rows, { key: '', value: '' }])} data-testid="reference-add">{t('addRow')}</button>
        <button type="button" className="vm-button vm-primary" data-testid="reference-save"
          disabled={action.busy || problems.some(Boolean) || sameRows(rows, table.rows)}
          onClick={async () => {
            let n = 0;
            if (await action.run(async () => (n = (await referenceApi.save(table.name, rows, table.revision)).revision))) (setSaved(n), onSaved());
          }}>
          {t('save', { n: table.revision + 1 })}
        </button>
        {saved && <span className="vm-muted" data-testid="reference-saved">{t('saved', { n: saved })}</span>}
      </div>
      <ErrorLine error={action.error} testId="reference-error" />
    </div>
  );
}

function ImportCsv({ table, onImported }: { table: ReferenceTableRows; onImported(): void }) {
  const t = useSectionText(referenceText);
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [preview, setPreview] = useState<ReferenceImportResult>();
  const action = useAction();
  const close = () => (setFile(undefined), setPreview(undefined), action.clear());
  const changed = preview && preview.changes.added.length + preview.changes.changed.length + preview.changes.removed.length > 0;
  return (
    <>
      <label className="vm-button">
        {t('importCsv')}
        <input type="file" accept=".csv,text/csv" hidden data-testid="reference-import-file" onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          const text = await f.text();
          setFile({ name: f.name, text });
          await action.run(async () => setPreview(await referenceApi.importCsv(table.name, text, table.revision, true)));
        }} />
      </label>
      {file && (
        <Modal title={t('importTitle', { file: file.name, table: table.name })} onClose={close} testId="reference-import">
          <ErrorLine error={action.error} testId="reference-import-error" />
          {preview && (changed ? (
            <p data-testid="reference-import-changes">{t('importChanges', { added: preview.changes.added.length, changed: preview.changes.changed.length, removed: preview.changes.removed.length, unchanged: preview.changes.unchanged })}</p>
          ) : <p>{t('importNothing')}</p>)}
          <div className="vm-actions">
            <button type="button" className="vm-button" onClick={close}>{t('cancel')}</button>
            <button type="button" className="vm-button vm-primary" disabled={!changed || action.busy} data-testid="reference-import-apply"
              onClick={async () => (await action.run(() => referenceApi.importCsv(table.name, file.text, table.revision, false))) && (close(), onImported())}>
              {t('importApply')}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
