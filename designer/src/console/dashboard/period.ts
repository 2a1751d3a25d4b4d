/** Periods the dashboard asks for, and how its figures read: plain functions, no React. */
export type Bucket = 'hour' | 'day';
export type PresetId = 'day' | 'week' | 'month';
export interface Period {
  from: string;
  to: string;
  bucket: Bucket;
}

const HOUR = 3_600_000;
/** Each preset ends at the next whole hour (the current hour is included) and has a bucket that gives a readable chart. */
export const PRESETS: Record<PresetId, { hours: number; bucket: Bucket }> = {
  day: { hours: 24, bucket: 'hour' },
  week: { hours: 7 * 24, bucket: 'hour' },
  month: { hours: 30 * 24, bucket: 'day' },
};

export function presetPeriod(id: PresetId, now: number): Period {
  const end = Math.floor(now / HOUR) * HOUR + HOUR;
  const { hours, bucket } = PRESETS[id];
  let start = end - hours * HOUR;
  // Day buckets start at UTC midnight: align so the first bucket is whole.
  if (bucket === 'day') start = Math.floor(start / (24 * HOUR)) * 24 * HOUR;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString(), bucket };
}

export const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(r < 0.1 && r > 0 ? 1 : 0)} %`);
export const seconds = (ms: number | null) => (ms === null ? '—' : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
export const perHour = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));

/** Heat of a no-match rate for a node card: none, low (< 5 %), medium (< 15 %), high. */
export function heatLevel(rate: number | null): 'none' | 'low' | 'medium' | 'high' {
  if (rate === null) return 'none';
  return rate < 0.05 ? 'low' : rate < 0.15 ? 'medium' : 'high';
}
