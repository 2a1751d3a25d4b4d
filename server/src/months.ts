/**
 * Calendar months in UTC, the unit of dialog-event partitions and of retention. The one place
 * month arithmetic lives: `Date.UTC` normalises an out-of-range month (13 → January next year,
 * −2 → October last year), so adding months never needs a hand-written carry.
 */
export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

export const monthOf = (ms: number): Month => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
};

/** `n` months after `m` (negative: before). */
export const addMonths = (m: Month, n: number): Month => monthOf(Date.UTC(m.year, m.month - 1 + n, 1));

/** First instant of the month, epoch ms. */
export const monthStart = (m: Month): number => Date.UTC(m.year, m.month - 1, 1);

/** `YYYY-MM-01`, for SQL literals built from integers only. */
export const monthStartDate = (m: Month): string => `${m.year}-${String(m.month).padStart(2, '0')}-01`;

/** `YYYYMM`: orders months as numbers and names partitions. */
export const monthNumber = (m: Month): number => m.year * 100 + m.month;

/**
 * First instant (epoch ms) a retention of `months` keeps: the start of the oldest month not
 * dropped. `dropOlderThan` drops whole months before it; ingest refuses events before it.
 */
export const retentionStart = (months: number, now: Date = new Date()): number => monthStart(addMonths(monthOf(now.getTime()), -months));
