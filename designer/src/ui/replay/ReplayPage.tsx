/** Start a replay (filters from the history page) and follow its report: totals per process, each session's verdict. */
import { useEffect, useState } from 'react';
import { api, type VersionSummary } from '../../api/client.js';
import { formFromQuery, requestOf, type ReplayForm } from '../../replay/filters.js';
import { pollReplay } from '../../replay/poll.js';
import { replayApi, type ReplayReport } from '../../replay/replay-api.js';
import { sessionsShown, totalsPerProcess, VERDICTS, type Verdict } from '../../replay/report.js';
import { useT, type Translate } from '../i18n.js';
import './replay.css';

const enc = encodeURIComponent;
const time = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
const targetText = (t: Translate, target: 'draft' | number) => (target === 'draft' ? t('replay.target.draft') : t('replay.target.version', { n: target }));

function StartForm({ query, navigate }: { query: URLSearchParams; navigate(path: string): void }) {
  const t = useT();
  const [form, setForm] = useState<ReplayForm>(() => formFromQuery(query));
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!/^[a-z][a-z0-9_-]*$/.test(form.process)) return;
    let live = true;
    api.listVersions(form.process).then((v) => live && setVersions(v), () => live && setVersions([]));
    return () => void (live = false);
  }, [form.process]);
  const set = (k: keyof ReplayForm) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: { preventDefault(): void }) => {
    e.preventDefault();
    const r = requestOf(form);
    if ('problem' in r) return setError(t('replay.invalid', { field: r.field, problem: r.problem }));
    setError('');
    try {
      const { id } = await replayApi.start(r.request);
      navigate(`/replays/${enc(id)}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="vm-replay-form" onSubmit={submit} data-testid="replay-form">
      <label>{t('replay.process')}<input value={form.process} onChange={set('process')} data-testid="replay-process" /></label>
      <label>{t('replay.site')}<input value={form.site} onChange={set('site')} /></label>
      <label>{t('replay.version')}<input value={form.version} onChange={set('version')} inputMode="numeric" /></label>
      <label>{t('replay.from')}<input type="datetime-local" value={form.from} onChange={set('from')} /></label>
      <label>{t('replay.to')}<input type="datetime-local" value={form.to} onChange={set('to')} /></label>
      <label>{t('replay.outcome')}
        <select value={form.outcome} onChange={set('outcome')}>
          <option value="">{t('replay.outcome.any')}</option>
          {(['done', 'error', 'open'] as const).map((o) => <option key={o} value={o}>{t(`replay.outcome.${o}`)}</option>)}
        </select>
      </label>
      <label>{t('replay.limit')}<input value={form.limit} onChange={set('limit')} inputMode="numeric" /></label>
      <label>{t('replay.target')}
        <select value={form.target} onChange={set('target')} data-testid="replay-target">
          <option value="draft">{t('replay.target.draft')}</option>
          {versions.map((v) => <option key={v.number} value={String(v.number)}>{t('replay.target.version', { n: v.number })}</option>)}
        </select>
      </label>
      <button type="submit" className="vm-button vm-primary" data-testid="replay-start">{t('replay.start')}</button>
      {error && <p className="vm-error" role="alert">{error}</p>}
    </form>
  );
}

function Report({ id }: { id: string }) {
  const t = useT();
  const [report, setReport] = useState<ReplayReport | null>(null);
  const [error, setError] = useState('');
  const [verdict, setVerdict] = useState<'' | Verdict>('');
  useEffect(() => pollReplay(replayApi, id, setReport, (e) => setError((e as Error).message)), [id]);
  if (error) return <p className="vm-error" role="alert">{error}</p>;
  if (!report) return <p className="vm-muted">…</p>;
  const shown = sessionsShown(report, verdict);
  return (
    <section data-testid="replay-report" data-status={report.status}>
      <h2>{t('replay.report', { process: report.processKey, target: targetText(t, report.target) })}</h2>
      <p className={report.status === 'failed' ? 'vm-error' : 'vm-muted'} data-testid="replay-progress">
        {report.status === 'running' ? t('replay.running', { done: report.done, total: report.total })
          : report.status === 'failed' ? t('replay.failed', { error: report.error ?? '' }) : t('replay.finished', { total: report.done })}
      </p>
      <h3>{t('replay.totals')}</h3>
      <table className="vm-replay-table" data-testid="replay-totals">
        <thead><tr><th>{t('replay.col.process')}</th><th>{t('replay.col.target')}</th><th>{t('replay.col.sessions')}</th>{VERDICTS.map((v) => <th key={v}>{t(`replay.verdict.${v}`)}</th>)}</tr></thead>
        <tbody>
          {totalsPerProcess([report]).map((p) => (
            <tr key={p.processKey}>
              <td>{p.processKey}</td><td>{targetText(t, p.target)}</td>
              <td><progress max={100} value={p.percent} /> {p.done}/{p.total}</td>
              {VERDICTS.map((v) => <td key={v} className={`vm-verdict-${v}`} data-testid={`total-${v}`}>{p[v]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="vm-replay-chips" role="group">
        {(['', ...VERDICTS] as const).map((v) => (
          <button key={v || 'all'} type="button" className={verdict === v ? 'is-active' : ''} onClick={() => setVerdict(v)}>
            {v ? t(`replay.verdict.${v}`) : t('replay.filter.all')}
          </button>
        ))}
      </div>
      <table className="vm-replay-table" data-testid="replay-sessions">
        <thead><tr><th>{t('replay.col.session')}</th><th>{t('replay.site')}</th><th>{t('replay.col.started')}</th><th>{t('replay.col.ended')}</th><th>{t('replay.col.verdict')}</th><th>{t('replay.col.step')}</th><th>{t('replay.col.why')}</th><th /></tr></thead>
        <tbody>
          {shown.length === 0 && <tr><td colSpan={8} className="vm-muted">{t('replay.none')}</td></tr>}
          {shown.map((s) => (
            <tr key={s.sessionId} data-testid="replay-session" data-verdict={s.verdict}>
              <td><code>{s.sessionId}</code></td>
              <td>{s.siteId}{s.version !== null ? ` · v${s.version}` : ''}</td>
              <td>{time(s.startedAt)}</td>
              <td data-testid="replay-ended">{s.endOutcome ?? ''}</td>
              <td className={`vm-verdict-${s.verdict}`}>{t(`replay.verdict.${s.verdict}`)}</td>
              <td>{s.step ?? ''}</td>
              <td>
                {s.reason}
                {s.expected !== undefined && <div className="vm-replay-diff"><span>{t('compare.expected')}: {s.expected}</span><span>{t('compare.actual')}: {s.actual}</span></div>}
              </td>
              <td className="vm-replay-links">
                <a href={`#/replays/${enc(report.id)}/sessions/${enc(s.sessionId)}`} data-testid="replay-compare">{t('replay.compare')}</a>
                <a href={`#/p/${enc(report.processKey)}/session/${enc(s.sessionId)}`}>{t('replay.canvas')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReplayPage({ id, query, navigate }: { id?: string; query: URLSearchParams; navigate(path: string): void }) {
  const t = useT();
  return (
    <div className="vm-replay-page">
      <nav className="vm-replay-nav">
        <a href="#/">{t('replay.back')}</a>
        <a href="/history">{t('replay.history')}</a>
        {id && <a href="#/replays">{t('replay.again')}</a>}
      </nav>
      <h1>{t('replay.title')}</h1>
      {id ? <Report id={id} /> : <StartForm query={query} navigate={navigate} />}
    </div>
  );
}
