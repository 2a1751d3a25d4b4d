/**
 * The deployments section without React: its own routes, the matrix's columns, the group and
 * threshold form's parsing, figures as text.
 */
import type { DeploymentMatrix, RolloutFigures } from './api.js';
import type { Thresholds } from './api.js';

/** `#/admin/deployments[/<rest>]`: the matrix, the rights page, a site+process's history, a rollout. */
export type DeployRoute =
  | { page: 'matrix' }
  | { page: 'rights' }
  | { page: 'history'; siteId: string; processKey: string }
  | { page: 'rollout'; id: number };

export function deployRoute(rest: string): DeployRoute {
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'rights') return { page: 'rights' };
  if (parts[0] === 'history' && parts[1] && parts[2]) return { page: 'history', siteId: parts[1], processKey: parts[2] };
  if (parts[0] === 'rollouts' && /^[1-9]\d{0,15}$/.test(parts[1] ?? '')) return { page: 'rollout', id: Number(parts[1]) };
  return { page: 'matrix' };
}

export function deployRest(r: DeployRoute): string {
  switch (r.page) {
    case 'matrix': return '';
    case 'rights': return 'rights';
    case 'history': return `history/${encodeURIComponent(r.siteId)}/${encodeURIComponent(r.processKey)}`;
    case 'rollout': return `rollouts/${r.id}`;
  }
}

/** The matrix's columns: every site, with its environment and whether the user may deploy there. */
export function siteColumns(m: DeploymentMatrix) {
  return m.environments.flatMap((e) => e.sites.map((s) => ({ siteId: s.id, siteName: s.name, environment: e.name, mayDeploy: e.mayDeploy })));
}

/** Ids typed into a field, separated by commas, spaces or new lines; duplicates dropped. */
export function parseIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * The threshold form: percentages (points above the rest of the site) and a ratio, as typed.
 * Empty fields are unset; answers the thresholds or the first field that is not a number in range.
 */
export function parseThresholds(form: { errorPoints: string; noMatchPoints: string; taskRatio: string; minSessions: string }): { thresholds: Thresholds } | { invalid: keyof typeof form } {
  const t: Thresholds = {};
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));
  const checks: [keyof typeof form, (n: number) => boolean, (n: number) => void][] = [
    ['errorPoints', (n) => n >= 0 && n <= 100, (n) => (t.errorRate = n / 100)],
    ['noMatchPoints', (n) => n >= 0 && n <= 100, (n) => (t.noMatchRate = n / 100)],
    ['taskRatio', (n) => n >= 1 && n <= 100, (n) => (t.meanTaskTime = n)],
    ['minSessions', (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, (n) => (t.minSessions = n)],
  ];
  for (const [field, ok, set] of checks) {
    const n = num(form[field]);
    if (n === undefined) continue;
    if (!Number.isFinite(n) || !ok(n)) return { invalid: field };
    set(n);
  }
  return { thresholds: t };
}

type Side = RolloutFigures['group'];
export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
export const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** The figures table's rows: label key, the group's value, the rest's value, whether the group does worse. */
export function figureRows(f: RolloutFigures): { key: 'sessions' | 'errorRate' | 'noMatchRate' | 'meanTask'; group: string; rest: string; worse: boolean }[] {
  const g: Side = f.group;
  const r: Side = f.rest;
  const worse = (a: number | null | undefined, b: number | null | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && a > b;
  return [
    { key: 'sessions', group: `${g.sessions ?? 0} (${g.ended ?? 0})`, rest: `${r.sessions ?? 0} (${r.ended ?? 0})`, worse: false },
    { key: 'errorRate', group: percent(g.errorRate), rest: percent(r.errorRate), worse: worse(g.errorRate, r.errorRate) },
    { key: 'noMatchRate', group: percent(g.noMatchRate), rest: percent(r.noMatchRate), worse: worse(g.noMatchRate, r.noMatchRate) },
    { key: 'meanTask', group: seconds(g.meanTaskMs), rest: seconds(r.meanTaskMs), worse: worse(g.meanTaskMs, r.meanTaskMs) },
  ];
}
