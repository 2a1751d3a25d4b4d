/** One replayed session side by side: the logged steps and the replayed ones, the first difference marked. */
import { useEffect, useState } from 'react';
import { replayApi, type Comparison } from '../../replay/replay-api.js';
import { comparisonRows } from '../../replay/report.js';
import { useT } from '../i18n.js';
import { StepCell } from './StepCell.js';
import './replay.css';

const enc = encodeURIComponent;

export function ComparisonPage({ id, sessionId }: { id: string; sessionId: string }) {
  const t = useT();
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    replayApi.comparison(id, sessionId).then((c) => live && setCmp(c), (e: Error) => live && setError(e.message));
    return () => void (live = false);
  }, [id, sessionId]);
  const rows = cmp ? comparisonRows(cmp.original, cmp.replayed, cmp.divergedAt) : [];
  return (
    <div className="vm-replay-page">
      <nav className="vm-replay-nav">
        <a href={`#/replays/${enc(id)}`}>{t('compare.backToReport')}</a>
        <a href={`/history/sessions/${enc(sessionId)}`}>{t('replay.history')}</a>
      </nav>
      <h1>{t('compare.title', { session: sessionId })}</h1>
      {error && <p className="vm-error" role="alert">{error}</p>}
      {cmp && (
        <>
          <p className={`vm-compare-verdict vm-verdict-${cmp.verdict}`} data-testid="compare-verdict" data-verdict={cmp.verdict}>
            {cmp.verdict === 'same' ? t('compare.same')
              : t(cmp.verdict === 'diverged' ? 'compare.divergedAt' : 'compare.inconclusive', { step: cmp.step ?? 0, reason: cmp.reason ?? '' })}
          </p>
          <table className="vm-replay-table vm-compare" data-testid="compare-table">
            <thead><tr><th>{t('compare.step')}</th><th>{t('compare.original')}</th><th>{t('compare.replayed')}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.step} data-testid="compare-row" data-step={r.step} className={r.diverges ? 'is-divergence' : r.after ? 'is-after' : ''}>
                  <th>{r.step}</th>
                  <StepCell step={r.original} />
                  <StepCell step={r.replayed} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
