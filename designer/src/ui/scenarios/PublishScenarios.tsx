/**
 * The publish dialog's scenario section: runs the process's scenarios on the (saved) draft as
 * the dialog opens, shows progress and the result, and, when the process's gate is `block` and
 * something fails, says publishing is blocked and why (the server refuses it too: 422
 * `scenarios_failed`).
 */
import { useEffect, useState } from 'react';
import { scenariosApi, type ScenarioGate, type ScenarioRunReport } from '../../scenarios/api.js';
import { startAndFollow } from '../../scenarios/poll-run.js';
import { useT } from '../i18n.js';
import { DifferenceView } from './ScenarioRow.js';

export function PublishScenarios(props: { processKey: string; beforeRun?: () => Promise<void>; onBlocked(blocked: boolean): void }) {
  const t = useT();
  const [gate, setGate] = useState<ScenarioGate>('warn');
  const [count, setCount] = useState<number | null>(null);
  const [report, setReport] = useState<ScenarioRunReport | null>(null);
  const [error, setError] = useState<string | undefined>();
  const { processKey, beforeRun, onBlocked } = props;

  useEffect(() => {
    const signal = { cancelled: false };
    (async () => {
      try {
        const [g, list] = await Promise.all([scenariosApi.gate(processKey), scenariosApi.list(processKey)]);
        if (signal.cancelled) return;
        setGate(g);
        setCount(list.length);
        if (list.length === 0 || g === 'off') return;
        await beforeRun?.();
        const last = await startAndFollow(scenariosApi, processKey, 'draft', undefined, { onReport: setReport, signal });
        if (!signal.cancelled) onBlocked(g === 'block' && last !== null && last.failed > 0);
      } catch (err) {
        if (!signal.cancelled) setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => void (signal.cancelled = true);
  }, [processKey, beforeRun, onBlocked]);

  if (gate === 'off') return null;
  const failed = report?.results.filter((r) => !r.passed) ?? [];
  const blocked = gate === 'block' && report?.status === 'done' && report.failed > 0;
  return (
    <section className="vm-scn-publish" data-testid="publish-scenarios" data-gate={gate} data-status={report?.status ?? 'none'}>
      <h3>{t('publish.scenarios')}</h3>
      {count === 0 && <p className="vm-muted">{t('publish.scenarios.none')}</p>}
      {report?.status === 'running' && (
        <div className="vm-scn-progress">
          <progress max={Math.max(report.total, 1)} value={report.done} />
          <span>{t('publish.scenarios.running', { done: report.done, total: report.total })}</span>
        </div>
      )}
      {report && report.status !== 'running' && (
        <p className={report.failed > 0 ? 'vm-error' : 'vm-scn-ok'} data-testid="publish-scenarios-result">
          {report.status === 'failed' ? t('publish.scenarios.runFailed', { message: report.error ?? '' }) : t('publish.scenarios.result', { passed: report.passed, failed: report.failed })}
        </p>
      )}
      {blocked && (
        <p className="vm-error" data-testid="publish-scenarios-blocked">
          {t('publish.scenarios.blocked')}
        </p>
      )}
      {!blocked && report?.status === 'done' && report.failed > 0 && <p className="vm-muted">{t('publish.scenarios.warn')}</p>}
      {failed.length > 0 && (
        <ul className="vm-scn-list">
          {failed.map((r) => (
            <li key={r.scenarioId} className="vm-scn-row vm-scn-failed">
              <b>{r.name}</b>
              {r.difference && <DifferenceView difference={r.difference} />}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="vm-error">{t('publish.scenarios.runFailed', { message: error })}</p>}
    </section>
  );
}
