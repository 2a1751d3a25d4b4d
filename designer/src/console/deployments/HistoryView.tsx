/** The deployment history of one process at one site, and its rollouts: who, when, which version, what. */
import { useSectionText } from '../text.js';
import { deployApi } from './api.js';
import type { DeployRoute } from './model.js';
import { text } from './text.js';
import { useLoad } from './use-load.js';

export function HistoryView({ siteId, processKey, go }: { siteId: string; processKey: string; go(r: DeployRoute): void }) {
  const t = useSectionText(text);
  const rows = useLoad(() => Promise.all([deployApi.history(siteId, processKey), deployApi.rollouts(siteId, processKey)]), [siteId, processKey]);
  const [history, rollouts] = rows.data ?? [];
  return (
    <section data-testid="deploy-history">
      <button type="button" className="vm-link-button" onClick={() => go({ page: 'matrix' })}>← {t('back')}</button>
      <h2>{t('historyTitle', { process: processKey, site: siteId })}</h2>
      {rows.error && <p className="vm-error">{rows.error}</p>}
      {history && history.length === 0 && <p className="vm-muted">{t('empty')}</p>}
      {history && history.length > 0 && (
        <table className="vm-console-deployments-table">
          <thead><tr><th>{t('when')}</th><th>{t('who')}</th><th>{t('version')}</th><th>{t('what')}</th></tr></thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i} data-testid="deploy-history-row">
                <td>{new Date(h.deployedAt!).toLocaleString()}</td><td>{h.deployedBy}</td><td>v{h.versionNumber}</td>
                <td className={h.kind === 'rollback' ? 'vm-console-deployments-drift' : undefined}>{t(`kind${h.kind ?? 'deploy'}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rollouts && rollouts.length > 0 && (
        <>
          <h3>{t('rollouts')}</h3>
          <ul>
            {rollouts.map((r) => (
              <li key={r.id}>
                <button type="button" className="vm-link-button" onClick={() => go({ page: 'rollout', id: r.id! })}>#{r.id} v{r.versionNumber}</button>{' '}
                {t(`state${r.state!}`)} · {new Date(r.startedAt!).toLocaleString()} · {r.startedBy}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
