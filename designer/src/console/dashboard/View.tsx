/** The dashboard section: pick a site, a process (or all) and a period; totals and one chart per figure. */
import { useEffect, useMemo, useState } from 'react';
import { api, type ProcessSummary } from '../../api/client.js';
import type { SectionProps } from '../sections.js';
import { sectionText, useSectionText } from '../text.js';
import { dashboardApi, type DashboardSummary } from './api.js';
import { Chart, type ChartSeries } from './Chart.js';
import { PRESETS, percent, perHour, presetPeriod, seconds, type PresetId } from './period.js';

const text = sectionText({
  en: {
    site: 'Site', process: 'Process', allProcesses: 'All processes', period: 'Period', day: 'Last 24 hours', week: 'Last 7 days', month: 'Last 30 days',
    loading: 'Loading…', sessions: 'Sessions per hour', completion: 'Completion rate', noMatch: 'No-match rate', repeat: 'Repeat rate',
    taskTime: 'Mean task time', wmsErrors: 'WMS error rate', totalSessions: 'Sessions', utc: 'Times in UTC; rates over the whole period.',
    noSites: 'There are no sites yet.',
  },
  ru: {
    site: 'Площадка', process: 'Процесс', allProcesses: 'Все процессы', period: 'Период', day: 'Последние 24 часа', week: 'Последние 7 дней', month: 'Последние 30 дней',
    loading: 'Загрузка…', sessions: 'Сеансов в час', completion: 'Доля завершённых', noMatch: 'Доля нераспознанных', repeat: 'Доля «повтори»',
    taskTime: 'Среднее время задания', wmsErrors: 'Доля ошибок WMS', totalSessions: 'Сеансы', utc: 'Время в UTC; доли за весь период.',
    noSites: 'Площадок пока нет.',
  },
});

const pct = (v: number) => percent(v);

export function DashboardView(_props: SectionProps) {
  const t = useSectionText(text);
  const [sites, setSites] = useState<{ id: string; name: string }[]>([]);
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [siteId, setSiteId] = useState('');
  const [processKey, setProcessKey] = useState('');
  const [preset, setPreset] = useState<PresetId>('day');
  const [data, setData] = useState<DashboardSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dashboardApi.sites().then((s) => {
      setSites(s);
      setSiteId((cur) => cur || s[0]?.id || '');
    }, (e: Error) => setError(e.message));
    api.listProcesses().then(setProcesses, (e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    if (!siteId) return;
    let live = true;
    setData(null);
    dashboardApi.summary(siteId, processKey || undefined, presetPeriod(preset, Date.now())).then(
      (d) => live && (setData(d), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [siteId, processKey, preset]);

  const charts = useMemo(() => {
    if (!data) return null;
    const times = data.buckets.map((b) => Date.parse(b.at));
    const one = (label: string, values: (number | null)[], colour: string): ChartSeries[] => [{ label, values, colour }];
    return { times, sessions: one(t('sessions'), data.buckets.map((b) => b.sessionsPerHour), '#2563eb'),
      completion: one(t('completion'), data.buckets.map((b) => b.completionRate), '#16a34a'),
      recognition: [{ label: t('noMatch'), values: data.buckets.map((b) => b.noMatchRate), colour: '#dc2626' }, { label: t('repeat'), values: data.buckets.map((b) => b.repeatRate), colour: '#d97706' }],
      task: one(t('taskTime'), data.buckets.map((b) => b.meanTaskMs), '#7c3aed'),
      wms: one(t('wmsErrors'), data.buckets.map((b) => b.wmsErrorRate), '#0891b2') };
  }, [data, t]);

  return (
    <div className="vm-console-dashboard" data-testid="dashboard">
      <div className="vm-console-dashboard-pickers">
        <label>
          {t('site')}{' '}
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)} data-testid="dashboard-site">
            {sites.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.id})</option>)}
          </select>
        </label>
        <label>
          {t('process')}{' '}
          <select value={processKey} onChange={(e) => setProcessKey(e.target.value)} data-testid="dashboard-process">
            <option value="">{t('allProcesses')}</option>
            {processes.map((p) => <option key={p.key} value={p.key}>{p.name}</option>)}
          </select>
        </label>
        <label>
          {t('period')}{' '}
          <select value={preset} onChange={(e) => setPreset(e.target.value as PresetId)} data-testid="dashboard-period">
            {(Object.keys(PRESETS) as PresetId[]).map((p) => <option key={p} value={p}>{t(p)}</option>)}
          </select>
        </label>
      </div>
      {error && <p className="vm-error" role="alert">{error}</p>}
      {!error && sites.length === 0 && <p className="vm-empty">{t('noSites')}</p>}
      {siteId && !data && !error && <p className="vm-muted">{t('loading')}</p>}
      {data && charts && (
        <>
          <dl className="vm-console-dashboard-totals" data-testid="dashboard-totals">
            <div><dt>{t('totalSessions')}</dt><dd data-testid="dashboard-total-sessions">{data.totals.sessions}</dd></div>
            <div><dt>{t('sessions')}</dt><dd>{perHour(data.totals.sessionsPerHour)}</dd></div>
            <div><dt>{t('completion')}</dt><dd data-testid="dashboard-total-completion">{percent(data.totals.completionRate)}</dd></div>
            <div><dt>{t('noMatch')}</dt><dd data-testid="dashboard-total-nomatch">{percent(data.totals.noMatchRate)}</dd></div>
            <div><dt>{t('repeat')}</dt><dd>{percent(data.totals.repeatRate)}</dd></div>
            <div><dt>{t('taskTime')}</dt><dd>{seconds(data.totals.meanTaskMs)}</dd></div>
            <div><dt>{t('wmsErrors')}</dt><dd>{percent(data.totals.wmsErrorRate)}</dd></div>
          </dl>
          <p className="vm-muted">{t('utc')}</p>
          <div className="vm-console-dashboard-charts">
            <Chart testId="chart-sessions" title={t('sessions')} times={charts.times} series={charts.sessions} format={perHour} />
            <Chart testId="chart-completion" title={t('completion')} times={charts.times} series={charts.completion} format={pct} />
            <Chart testId="chart-recognition" title={`${t('noMatch')} / ${t('repeat')}`} times={charts.times} series={charts.recognition} format={pct} />
            <Chart testId="chart-task" title={t('taskTime')} times={charts.times} series={charts.task} format={seconds} />
            <Chart testId="chart-wms" title={t('wmsErrors')} times={charts.times} series={charts.wms} format={pct} />
          </div>
        </>
      )}
    </div>
  );
}
