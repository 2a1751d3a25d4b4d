/** A process's last scenario run in the process list (`lastScenarioRun` of `GET /api/processes`). */
import type { LastScenarioRun } from '../../scenarios/api.js';
import { useT } from '../i18n.js';

export function LastRunBadge({ run }: { run: LastScenarioRun | null | undefined }) {
  const t = useT();
  if (run === undefined) return null;
  const state = run === null ? 'never' : run.failed > 0 ? 'failed' : 'passed';
  const title = run ? `${t('process.lastRun')}: ${new Date(run.at).toLocaleString()} · ${run.target === 'draft' ? t('scn.target.draft') : t('scn.target.version', { n: run.target })}` : undefined;
  return (
    <span className={`vm-scn-badge vm-scn-badge-${state}`} title={title} data-testid="process-last-run" data-state={state}>
      {t('process.lastRun')}: {run === null ? t('process.lastRun.none') : t('process.lastRun.result', { passed: run.passed, total: run.total })}
    </span>
  );
}
