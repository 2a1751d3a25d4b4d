/** Coverage: for each outcome of a machine, how many scenarios took it. */
import type { Outcome } from './outcomes.js';

export interface OutcomeCoverage extends Outcome {
  /** Scenarios that took this outcome at least once. */
  scenarios: number;
}

export interface ProcessCoverage {
  process: string;
  total: number;
  covered: number;
  /** covered / total × 100, one decimal; 100 for a machine without outcomes. */
  percent: number;
  outcomes: OutcomeCoverage[];
}

export const percentOf = (covered: number, total: number): number => (total === 0 ? 100 : Math.round((covered / total) * 1000) / 10);

/** `runs`: the outcome counts of each scenario run of this process. */
export function coverageOf(process: string, outcomes: Outcome[], runs: { outcomes: Record<string, number> }[]): ProcessCoverage {
  const rows = outcomes.map((o) => ({ ...o, scenarios: runs.filter((r) => (r.outcomes[o.key] ?? 0) > 0).length }));
  const covered = rows.filter((r) => r.scenarios > 0).length;
  return { process, total: rows.length, covered, percent: percentOf(covered, rows.length), outcomes: rows };
}

/** Totals over several processes. */
export function coverageTotal(processes: ProcessCoverage[]): { total: number; covered: number; percent: number } {
  const total = processes.reduce((n, p) => n + p.total, 0);
  const covered = processes.reduce((n, p) => n + p.covered, 0);
  return { total, covered, percent: percentOf(covered, total) };
}
