/** Staged rollouts: start one for a group of a site's terminals or operators; watch it, promote it or roll it back. */
import { useState } from 'react';
import { Modal } from '../../ui/Modal.js';
import { useSectionText } from '../text.js';
import { deployApi } from './api.js';
import type { CellRef } from './ConfirmDialogs.js';
import { figureRows, parseIds, parseThresholds, type DeployRoute } from './model.js';
import { text, type TextKey } from './text.js';
import { messageOf, useLoad } from './use-load.js';

export function StartRolloutDialog({ cell, onClose, onStarted }: { cell: CellRef; onClose(): void; onStarted(id: number): void }) {
  const t = useSectionText(text);
  const loaded = useLoad(() => Promise.all([deployApi.versions(cell.processKey), deployApi.terminals()]), [cell.processKey]);
  const [versions, terminals] = loaded.data ?? [[], []];
  const candidates = versions.filter((v) => v.number !== cell.current);
  const [version, setVersion] = useState<number>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [operators, setOperators] = useState('');
  const [form, setForm] = useState({ errorPoints: '', noMatchPoints: '', taskRatio: '', minSessions: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const siteTerminals = terminals.filter((x) => x.siteId === cell.siteId);
  const start = async () => {
    const parsed = parseThresholds(form);
    if ('invalid' in parsed) return setError(t('invalid', { field: t(parsed.invalid) }));
    const versionNumber = version ?? candidates[0]?.number;
    if (versionNumber === undefined) return;
    setBusy(true);
    try {
      const r = await deployApi.startRollout(cell.siteId, { processKey: cell.processKey, versionNumber, terminalIds: [...chosen], operatorIds: parseIds(operators), thresholds: parsed.thresholds });
      onStarted(r.id!);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof form) => (
    <label className="vm-console-deployments-threshold">
      <input className="vm-input" inputMode="decimal" value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} data-testid={`rollout-${key}`} />
      <span>{t(key)}</span>
    </label>
  );
  return (
    <Modal title={t('rolloutTitle', { process: cell.processKey, site: cell.siteName })} onClose={onClose} testId="rollout-dialog">
      <label className="vm-field">
        <span>{t('version')}</span>
        <select className="vm-input" value={version ?? candidates[0]?.number ?? ''} onChange={(e) => setVersion(Number(e.target.value))} data-testid="rollout-version">
          {candidates.map((v) => <option key={v.number} value={v.number}>v{v.number} {v.note ? `— ${v.note}` : ''}</option>)}
        </select>
      </label>
      <fieldset className="vm-field">
        <legend>{t('terminals')}</legend>
        {siteTerminals.map((x) => (
          <label key={x.id}>
            <input type="checkbox" checked={chosen.has(x.id)} onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(x.id); else next.delete(x.id);
              setChosen(next);
            }} /> {x.name} <code className="vm-muted">{x.id}</code>
          </label>
        ))}
      </fieldset>
      <label className="vm-field">
        <span>{t('operators')}</span>
        <input className="vm-input" value={operators} onChange={(e) => setOperators(e.target.value)} data-testid="rollout-operators" />
      </label>
      <p className="vm-hint">{t('thresholdsIntro')}</p>
      {field('errorPoints')}{field('noMatchPoints')}{field('taskRatio')}{field('minSessions')}
      {(error || loaded.error) && <p className="vm-error" data-testid="rollout-error">{error ?? loaded.error}</p>}
      <div className="vm-actions">
        <button type="button" className="vm-button" onClick={onClose}>{t('cancel')}</button>
        <button type="button" className="vm-button vm-primary" disabled={busy || candidates.length === 0} onClick={start} data-testid="rollout-start">{t('start')}</button>
      </div>
    </Modal>
  );
}

const describeThresholds = (th: Record<string, number | undefined> | undefined) =>
  Object.entries(th ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} ${v}`).join(', ') || '—';

export function RolloutPage({ id, mayAct, go }: { id: number; mayAct: boolean; go(r: DeployRoute): void }) {
  const t = useSectionText(text);
  const loaded = useLoad(() => deployApi.rollout(id), [id]);
  const [confirming, setConfirming] = useState<'promote' | 'rollback' | null>(null);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(messageOf(e));
    }
    setConfirming(null);
    loaded.reload();
  };
  const data = loaded.data;
  if (loaded.error) return <p className="vm-error">{loaded.error}</p>;
  if (!data) return <p className="vm-muted">{t('loading')}</p>;
  const r = data.rollout;
  const active = r.state === 'active';
  return (
    <section data-testid="rollout-page">
      <button type="button" className="vm-link-button" onClick={() => go({ page: 'history', siteId: r.siteId!, processKey: r.processKey! })}>← {t('history')}</button>
      <h2>{t('rolloutPage', { id: r.id!, process: r.processKey!, n: r.versionNumber!, site: r.siteId! })} <span className="vm-chip" data-testid="rollout-state">{t(`state${r.state!}` as TextKey)}</span></h2>
      <p className="vm-muted">{t('startedBy', { at: new Date(r.startedAt!).toLocaleString(), who: r.startedBy!, group: [...(r.terminalIds ?? []), ...(r.operatorIds ?? [])].join(', '), thresholds: describeThresholds(r.thresholds) })}</p>
      {!active && <p data-testid="rollout-ended">{t('endedBy', { at: new Date(r.endedAt!).toLocaleString(), who: r.endedBy ?? '', reason: r.endReason ?? '' })}</p>}
      <table className="vm-console-deployments-table" data-testid="rollout-figures">
        <thead><tr><th>{t('figure')}</th><th>{t('group', { n: r.versionNumber! })}</th><th>{t('rest')}</th></tr></thead>
        <tbody>
          {figureRows(data.figures).map((row) => (
            <tr key={row.key}><td>{t(row.key)}</td><td className={row.worse ? 'vm-console-deployments-drift' : undefined}>{row.group}</td><td>{row.rest}</td></tr>
          ))}
        </tbody>
      </table>
      {data.figures.crossed && <p className="vm-error" data-testid="rollout-crossed">{t('crossed', { text: data.figures.crossed })}</p>}
      {note && <p className="vm-muted">{note}</p>}
      {error && <p className="vm-error">{error}</p>}
      {active && mayAct && (
        <div className="vm-actions">
          <button type="button" className="vm-button" onClick={() => act(async () => {
            const c = await deployApi.checkRollout(id);
            setNote(t('checked', { result: c.crossed ?? t('withinThresholds') }));
          })} data-testid="rollout-check">{t('check')}</button>
          <button type="button" className="vm-button" onClick={() => setConfirming('rollback')} data-testid="rollout-rollback">{t('rollbackRollout')}</button>
          <button type="button" className="vm-button vm-primary" onClick={() => setConfirming('promote')} data-testid="rollout-promote">{t('promote')}</button>
        </div>
      )}
      {confirming && (
        <Modal title={confirming === 'promote' ? t('promote') : t('rollbackRollout')} onClose={() => setConfirming(null)} testId="rollout-confirm-dialog">
          <p>{confirming === 'promote' ? t('confirmPromote', { n: r.versionNumber!, process: r.processKey!, site: r.siteId! }) : t('confirmRollbackRollout', { n: r.baseVersion! })}</p>
          <div className="vm-actions">
            <button type="button" className="vm-button" onClick={() => setConfirming(null)}>{t('cancel')}</button>
            <button type="button" className="vm-button vm-primary" onClick={() => act(() => (confirming === 'promote' ? deployApi.promote(id) : deployApi.rollbackRollout(id)))} data-testid="rollout-confirm">
              {confirming === 'promote' ? t('promote') : t('rollbackRollout')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
