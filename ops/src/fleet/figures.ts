/** Figures from a fleet run's POST samples (protocol.ts `Sample`). */
import type { Sample } from './protocol.js';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface WindowFigures {
  posts: number;
  postsPerS: number;
  eventsStoredPerS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-200 answers and network errors, by status (0 refused, 1 cut mid-request or timed out). */
  errors: Record<string, number>;
}

/** Figures of the POSTs that started in [from, to), optionally only some terminals'. */
export function windowFigures(samples: Sample[], from: number, to: number, keep: (terminalIndex: number) => boolean = () => true): WindowFigures {
  const inWindow = samples.filter((s) => s[0] >= from && s[0] < to && keep(s[5]));
  const ok = inWindow.filter((s) => s[2] === 200).map((s) => s[1]).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const s of inWindow) if (s[2] !== 200) errors[s[2]] = (errors[s[2]] ?? 0) + 1;
  const seconds = (to - from) / 1000;
  return {
    posts: inWindow.length,
    postsPerS: inWindow.length / seconds,
    eventsStoredPerS: inWindow.reduce((n, s) => n + s[4], 0) / seconds,
    p50Ms: percentile(ok, 50),
    p99Ms: percentile(ok, 99),
    maxMs: ok.at(-1) ?? NaN,
    errors,
  };
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);
