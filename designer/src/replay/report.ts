/** What the replay pages show, computed without React: progress, totals per process, side-by-side rows. */
import type { ReplayReport, ReplayStep } from './replay-api.js';

export type Verdict = 'same' | 'diverged' | 'inconclusive';
export const VERDICTS: Verdict[] = ['same', 'diverged', 'inconclusive'];

export interface ProcessTotals {
  processKey: string;
  target: 'draft' | number;
  total: number;
  done: number;
  same: number;
  diverged: number;
  inconclusive: number;
  /** 0–100. */
  percent: number;
}

/** A job replays one process; the page lists it as a row of totals (several jobs would be several rows). */
export function totalsPerProcess(reports: readonly ReplayReport[]): ProcessTotals[] {
  return reports.map((r) => ({
    processKey: r.processKey, target: r.target, total: r.total, done: r.done, ...r.totals,
    percent: r.total === 0 ? (r.status === 'running' ? 0 : 100) : Math.round((r.done / r.total) * 100),
  }));
}

/** The sessions shown for a verdict filter ('' for all), diverged first within the job's order. */
export function sessionsShown(report: ReplayReport, verdict: '' | Verdict): ReplayReport['sessions'] {
  const rank: Record<Verdict, number> = { diverged: 0, inconclusive: 1, same: 2 };
  return report.sessions
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !verdict || s.verdict === verdict)
    .sort((a, b) => rank[a.s.verdict] - rank[b.s.verdict] || a.i - b.i)
    .map(({ s }) => s);
}

export const targetLabel = (t: 'draft' | number) => (t === 'draft' ? 'draft' : `version ${t}`);

export interface ComparisonRow {
  step: number;
  original?: ReplayStep;
  replayed?: ReplayStep;
  /** This is the first step where they part. */
  diverges: boolean;
  /** After the first difference: shown, but no longer comparable. */
  after: boolean;
}

/** Both sides step by step (one side may be longer: a replay that ended early, a cut at a gap). */
export function comparisonRows(original: readonly ReplayStep[], replayed: readonly ReplayStep[], divergedAt: number | null): ComparisonRow[] {
  const n = Math.max(original.length, replayed.length);
  const rows: ComparisonRow[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      step: i,
      ...(original[i] ? { original: original[i] } : {}),
      ...(replayed[i] ? { replayed: replayed[i] } : {}),
      diverges: divergedAt === i,
      after: divergedAt !== null && i > divergedAt,
    });
  }
  return rows;
}

/** An input in words: `"five seven" (0.92)`, `silence`. */
export function describeInput(step: ReplayStep): string {
  const input = step.input;
  if (!input) return 'start';
  if (input.kind === 'silence') return 'silence';
  return input.text === '' ? `unclear (${input.confidence.toFixed(2)})` : `“${input.text}” (${input.confidence.toFixed(2)})`;
}
