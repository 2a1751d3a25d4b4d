/** Processes × sites by environment: the deployed version of each, the draft's state, drift and rollouts, with the actions. */
import { useState } from 'react';
import { useSectionText } from '../text.js';
import { deployApi, type DeploymentMatrix } from './api.js';
import { DeployDialog, RollbackDialog, type CellRef } from './ConfirmDialogs.js';
import { siteColumns, type DeployRoute } from './model.js';
import { StartRolloutDialog } from './RolloutViews.js';
import { text } from './text.js';
import { useLoad } from './use-load.js';

type Dialog = { kind: 'deploy' | 'rollback' | 'rollout'; cell: CellRef } | null;

export function MatrixView({ go }: { go(r: DeployRoute): void }) {
  const t = useSectionText(text);
  const matrix = useLoad(() => deployApi.matrix(), []);
  const [dialog, setDialog] = useState<Dialog>(null);
  const m: DeploymentMatrix | undefined = matrix.data;
  const done = () => {
    setDialog(null);
    matrix.reload();
  };
  if (matrix.error) return <p className="vm-error">{matrix.error}</p>;
  if (!m) return <p className="vm-muted">{t('loading')}</p>;
  const columns = siteColumns(m);
  return (
    <>
      <div className="vm-console-deployments-scroll">
        <table className="vm-console-deployments-matrix" data-testid="deploy-matrix">
          <thead>
            <tr>
              <th rowSpan={2}>{t('process')}</th>
              {m.environments.map((e) => e.sites.length > 0 && (
                <th key={e.name} colSpan={e.sites.length} title={e.mayDeploy ? undefined : t('mayNot', { env: e.name })}>{e.name}{e.mayDeploy ? '' : ' 🔒'}</th>
              ))}
            </tr>
            <tr>{columns.map((c) => <th key={c.siteId}>{c.siteName}<div className="vm-muted">{c.siteId}</div></th>)}</tr>
          </thead>
          <tbody>
            {m.processes.map((p) => (
              <tr key={p.key} data-testid={`deploy-row-${p.key}`}>
                <th scope="row">
                  <b>{p.name}</b> <code className="vm-muted">{p.key}</code>
                  <div className={p.draft === 'changed' ? 'vm-console-deployments-draft-changed' : 'vm-muted'} data-testid={`deploy-draft-${p.key}`}>
                    {p.latestVersion !== null && `${t('latest', { n: p.latestVersion })} · `}{t(`draft${p.draft}`)}
                  </div>
                </th>
                {columns.map((c) => {
                  const cell = p.cells[c.siteId];
                  const ref: CellRef = { siteId: c.siteId, siteName: c.siteName, processKey: p.key, current: cell?.versionNumber ?? null };
                  return (
                    <td key={c.siteId} className={cell?.drift ? 'vm-console-deployments-drift' : undefined} data-testid={`deploy-cell-${p.key}-${c.siteId}`}>
                      <div className="vm-console-deployments-version" title={cell ? `${cell.deployedBy}, ${new Date(cell.deployedAt!).toLocaleString()}` : undefined}>
                        {cell ? `v${cell.versionNumber}` : t('none')}
                        {cell?.drift && <span className="vm-console-deployments-badge" title={t('drift', { env: c.environment })}>⚠ {t('drift', { env: c.environment })}</span>}
                        {cell?.rollout && (
                          <button type="button" className="vm-link-button vm-console-deployments-badge" onClick={() => go({ page: 'rollout', id: cell.rollout!.id })} data-testid={`deploy-rollout-${p.key}-${c.siteId}`}>
                            {t('rolloutMark', { n: cell.rollout.versionNumber })}
                          </button>
                        )}
                      </div>
                      <div className="vm-console-deployments-actions">
                        {c.mayDeploy && p.latestVersion !== null && <button type="button" className="vm-link-button" onClick={() => setDialog({ kind: 'deploy', cell: ref })} data-testid={`deploy-open-${p.key}-${c.siteId}`}>{t('deploy')}</button>}
                        {c.mayDeploy && cell && <button type="button" className="vm-link-button" onClick={() => setDialog({ kind: 'rollback', cell: ref })} data-testid={`rollback-open-${p.key}-${c.siteId}`}>{t('rollback')}</button>}
                        {c.mayDeploy && cell && !cell.rollout && <button type="button" className="vm-link-button" onClick={() => setDialog({ kind: 'rollout', cell: ref })} data-testid={`rollout-open-${p.key}-${c.siteId}`}>{t('rollout')}</button>}
                        <button type="button" className="vm-link-button" onClick={() => go({ page: 'history', siteId: c.siteId, processKey: p.key })} data-testid={`history-open-${p.key}-${c.siteId}`}>{t('history')}</button>
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'deploy' && <DeployDialog cell={dialog.cell} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'rollback' && <RollbackDialog cell={dialog.cell} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'rollout' && <StartRolloutDialog cell={dialog.cell} onClose={() => setDialog(null)} onStarted={(id) => go({ page: 'rollout', id })} />}
    </>
  );
}

