/** The confirmations of a deploy and a rollback: what changes (process, site, from → to) and the release notes in between. */
import { useState } from 'react';
import { Modal } from '../../ui/Modal.js';
import { useSectionText } from '../text.js';
import { deployApi, type DeployPlan } from './api.js';
import { text } from './text.js';
import { messageOf, useLoad } from './use-load.js';

export interface CellRef { siteId: string; siteName: string; processKey: string; current: number | null }

function PlanSummary({ plan }: { plan: DeployPlan }) {
  const t = useSectionText(text);
  const v = (n: number | undefined) => (n === undefined ? t('nothing') : `v${n}`);
  return (
    <>
      <p data-testid="deploy-plan-change"><b>{t('changes', { process: plan.processKey, site: plan.siteName, env: plan.environment, from: v(plan.from?.versionNumber), to: v(plan.to.versionNumber) })}</b></p>
      {plan.rollout && <p className="vm-error">{t('blocked', { id: plan.rollout.id, n: plan.rollout.versionNumber })}</p>}
      <h3 className="vm-console-deployments-h3">{t('notes')}</h3>
      {plan.notes.length === 0 ? <p className="vm-muted">{t('noNotes')}</p> : (
        <ul className="vm-console-deployments-notes" data-testid="deploy-plan-notes">
          {plan.notes.map((n) => <li key={n.number}><b>v{n.number}</b> {n.note || '—'} <span className="vm-muted">({n.author})</span></li>)}
        </ul>
      )}
    </>
  );
}

/** Runs the confirmed change once; on failure keeps the dialog open with the server's message and reloads the plan. */
function useConfirm(plan: { data?: DeployPlan; reload(): void }, change: (p: DeployPlan) => Promise<unknown>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    if (!plan.data) return;
    setBusy(true);
    try {
      await change(plan.data);
      onDone();
    } catch (e) {
      setError(messageOf(e));
      plan.reload();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, confirm };
}

function Actions({ busy, confirm, label, onClose, disabled, testId }: { busy: boolean; confirm(): void; label: string; onClose(): void; disabled?: boolean; testId: string }) {
  const t = useSectionText(text);
  return (
    <div className="vm-actions">
      <button type="button" className="vm-button" onClick={onClose}>{t('cancel')}</button>
      <button type="button" className="vm-button vm-primary" disabled={busy || disabled} onClick={confirm} data-testid={testId}>{label}</button>
    </div>
  );
}

export function DeployDialog({ cell, onClose, onDone }: { cell: CellRef; onClose(): void; onDone(): void }) {
  const t = useSectionText(text);
  const versions = useLoad(() => deployApi.versions(cell.processKey), [cell.processKey]);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const version = chosen ?? versions.data?.[0]?.number;
  const plan = useLoad(async () => (version === undefined ? undefined : deployApi.planDeploy(cell.siteId, cell.processKey, version)), [cell.siteId, cell.processKey, version]);
  const { busy, error, confirm } = useConfirm(plan, (p) => deployApi.deploy(cell.siteId, cell.processKey, p.to.versionNumber, p.from?.versionNumber ?? null), onDone);
  return (
    <Modal title={t('deployTitle', { process: cell.processKey, site: cell.siteName })} onClose={onClose} testId="deploy-dialog">
      <label className="vm-field">
        <span>{t('version')}</span>
        <select className="vm-input" value={version ?? ''} onChange={(e) => setChosen(Number(e.target.value))} data-testid="deploy-version">
          {(versions.data ?? []).map((v) => <option key={v.number} value={v.number}>v{v.number} {v.note ? `— ${v.note}` : ''}</option>)}
        </select>
      </label>
      {(versions.error || plan.error || error) && <p className="vm-error" data-testid="deploy-error">{error ?? plan.error ?? versions.error}</p>}
      {plan.data && <PlanSummary plan={plan.data} />}
      <Actions busy={busy} confirm={confirm} label={t('confirmDeploy')} onClose={onClose} disabled={!plan.data || !!plan.data.rollout} testId="deploy-confirm" />
    </Modal>
  );
}

export function RollbackDialog({ cell, onClose, onDone }: { cell: CellRef; onClose(): void; onDone(): void }) {
  const t = useSectionText(text);
  const plan = useLoad(() => deployApi.planRollback(cell.siteId, cell.processKey), [cell.siteId, cell.processKey]);
  const { busy, error, confirm } = useConfirm(plan, (p) => deployApi.rollback(cell.siteId, cell.processKey, p.from?.versionNumber ?? null), onDone);
  return (
    <Modal title={t('rollbackTitle', { process: cell.processKey, site: cell.siteName })} onClose={onClose} testId="rollback-dialog">
      {(plan.error || error) && <p className="vm-error" data-testid="rollback-error">{error ?? plan.error}</p>}
      {plan.data && <PlanSummary plan={plan.data} />}
      <Actions busy={busy} confirm={confirm} label={t('confirmRollback')} onClose={onClose} disabled={!plan.data || !!plan.data.rollout} testId="rollback-confirm" />
    </Modal>
  );
}
