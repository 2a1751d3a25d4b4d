/**
 * The audit page's filters as the query string of GET /api/audit and /api/audit/csv: empty
 * fields are left out, times typed in the browser's local zone are sent as ISO instants.
 */
export interface AuditFilters {
  action: string;
  actor: string;
  target: string;
  /** `datetime-local` input values (`2026-12-02T14:30`), local time. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { action: '', actor: '', target: '', from: '', to: '' };

/** Actions the server records (docs/api.md *Audit log*), offered in the action filter. */
export const AUDIT_ACTIONS = [
  'auth.login', 'auth.login_failed', 'auth.logout', 'auth.password_change', 'version.publish', 'deployment.deploy', 'deployment.undeploy',
  'deployment.rollback', 'rollout.start', 'rollout.promote', 'rollout.rollback', 'rights.update', 'package.export', 'package.import',
  'user.create', 'user.update', 'user.disable', 'user.enable', 'user.password_reset', 'session.end',
  'terminal.pair', 'terminal.register', 'terminal.rename', 'terminal.revoke', 'reference.update', 'reference.import', 'operator.settings',
] as const;

/** A local `datetime-local` value as an ISO instant; undefined when it is not a time. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function auditQuery(f: AuditFilters, page: { before?: number; limit?: number } = {}): string {
  const q = new URLSearchParams();
  for (const k of ['action', 'actor', 'target'] as const) if (f[k].trim()) q.set(k, f[k].trim());
  const from = localToIso(f.from);
  const to = localToIso(f.to);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  if (page.before !== undefined) q.set('before', String(page.before));
  if (page.limit !== undefined) q.set('limit', String(page.limit));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** before/after in one short line each for the table (the full JSON is in the CSV). */
export function shortJson(v: unknown, max = 160): string {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
