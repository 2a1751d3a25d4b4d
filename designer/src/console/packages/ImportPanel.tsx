/** Upload a package, see the dry run, then apply it (confirming a downgrade when there is one). */
import { useState } from 'react';
import { useSectionText } from '../text.js';
import { packagesApi, type ImportPlan, type PlanAction } from './api.js';
import { decide, readPackageText } from './model.js';
import { text, type PackagesTextKey } from './text.js';

const ACTION: Record<PlanAction, PackagesTextKey> = { add: 'add_', present: 'present', downgrade: 'downgrade', clash: 'clash' };

export function ImportPanel({ onError }: { onError(err: unknown): void }) {
  const t = useSectionText(text);
  const [pkg, setPkg] = useState<unknown>();
  const [problem, setProblem] = useState<string>();
  const [plan, setPlan] = useState<ImportPlan>();
  const [confirmed, setConfirmed] = useState(false);
  const [result, setResult] = useState<ImportPlan>();

  const choose = async (file: File | undefined) => {
    setPlan(undefined);
    setResult(undefined);
    setConfirmed(false);
    setProblem(undefined);
    if (!file) return;
    const read = readPackageText(await file.text(), file.size);
    if (!read.ok) {
      setProblem(read.reason === 'too_large' ? t('tooLarge') : t('notJson', { detail: read.detail ?? '' }));
      return;
    }
    setPkg(read.value);
    try {
      setPlan(await packagesApi.dryRun(read.value));
    } catch (err) {
      onError(err);
    }
  };
  const apply = async () => {
    try {
      setResult(await packagesApi.importPackage(pkg, confirmed));
      setPlan(undefined);
    } catch (err) {
      onError(err);
    }
  };
  const signer = (p: ImportPlan) =>
    p.signer.status === 'unsigned' ? t('unsigned')
      : p.signer.status === 'own' ? t('own')
        : p.signer.status === 'untrusted' ? t('untrusted', { fingerprint: p.signer.fingerprint ?? '' })
          : t('signer', { name: p.signer.name ?? '', fingerprint: p.signer.fingerprint ?? '' });
  const decision = plan && decide(plan, confirmed);
  return (
    <section className="vm-console-packages-panel" data-testid="packages-import">
      <h2>{t('import')}</h2>
      <label className="vm-field-label">{t('file')} <input type="file" accept="application/json,.json" data-testid="packages-import-file" onChange={(e) => void choose(e.target.files?.[0])} /></label>
      {problem && <p className="vm-error">{problem}</p>}
      {plan && decision && (
        <div data-testid="packages-plan">
          <p>{signer(plan)}</p>
          <table className="vm-console-packages-table">
            <thead><tr><th>{t('item')}</th><th>{t('action')}</th></tr></thead>
            <tbody>
              {plan.items.map((i) => (
                <tr key={i.label} className={`vm-console-packages-${i.action}`} data-testid={`packages-plan-${i.label}`}>
                  <td>{i.label}</td><td>{t(ACTION[i.action])}{i.message ? ` — ${i.message}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.newProcesses.length > 0 && <p className="vm-muted">{t('newProcesses', { list: plan.newProcesses.join(', ') })}</p>}
          {decision.blocked && <p className="vm-error">{t('blocked')}</p>}
          {!decision.changes && <p className="vm-muted">{t('nothingToDo')}</p>}
          {decision.needsConfirmation && !decision.blocked && (
            <label className="vm-console-packages-check"><input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="packages-confirm-downgrade" />{t('confirm')}</label>
          )}
          <button type="button" className="vm-button vm-primary" disabled={!decision.canApply} onClick={() => void apply()} data-testid="packages-apply">{t('apply')}</button>
        </div>
      )}
      {result && <p data-testid="packages-applied">{t('applied', { n: result.counts.add + result.counts.downgrade, p: result.counts.present })}</p>}
    </section>
  );
}
