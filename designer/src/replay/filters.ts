/**
 * The replay's filters, as the history page hands them over (`/#/replays?process=…&site=…`)
 * and as `POST /api/replays` takes them (`ReplayRequest`: the server's body schema, derived).
 */
import type { ReplayRequest } from '@voiceman/server/api-types';

export type { ReplayRequest };
export type ReplayOutcome = NonNullable<ReplayRequest['filter']['outcome']>;

export interface ReplayForm {
  process: string;
  site: string;
  /** A version number the sessions ran, or '' for any. */
  version: string;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (UTC), or ''. */
  from: string;
  to: string;
  outcome: '' | ReplayOutcome;
  limit: string;
  /** 'draft' or a version number. */
  target: string;
}

export const MAX_LIMIT = 5000;

/** The history's shown outcomes → the replay's (switched sessions cannot be picked by outcome). */
const FROM_HISTORY: Record<string, '' | ReplayOutcome> = { completed: 'done', done: 'done', error: 'error', open: 'open', paused: 'open' };

export function formFromQuery(query: URLSearchParams): ReplayForm {
  const version = query.get('version') ?? '';
  return {
    process: query.get('process') ?? '',
    site: query.get('site') ?? '',
    // The history also takes a hash prefix; the replay picks by number only.
    version: /^\d+$/.test(version) ? version : '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    outcome: FROM_HISTORY[query.get('outcome') ?? ''] ?? '',
    limit: query.get('limit') ?? '500',
    target: query.get('target') ?? 'draft',
  };
}

/** The request, or the first problem in words (keyed by field) when the form cannot be sent. */
export function requestOf(form: ReplayForm): { request: ReplayRequest } | { field: keyof ReplayForm; problem: string } {
  const process = form.process.trim();
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(process)) return { field: 'process', problem: 'a process key (lower-case letters, digits, - and _)' };
  const limit = Number(form.limit || '500');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { field: 'limit', problem: `a whole number from 1 to ${MAX_LIMIT}` };
  if (form.version && !/^\d+$/.test(form.version)) return { field: 'version', problem: 'a version number' };
  const target = form.target === 'draft' ? 'draft' : Number(form.target);
  if (target !== 'draft' && !(Number.isInteger(target) && target >= 1)) return { field: 'target', problem: 'the draft or a version number' };
  if (form.from && form.to && form.from >= form.to) return { field: 'to', problem: 'after "from"' };
  const filter: ReplayRequest['filter'] = { processKey: process, limit };
  if (form.site.trim()) filter.siteId = form.site.trim();
  if (form.version) filter.version = Number(form.version);
  if (form.from) filter.from = form.from;
  if (form.to) filter.to = form.to;
  if (form.outcome) filter.outcome = form.outcome;
  return { request: { filter, target } };
}
