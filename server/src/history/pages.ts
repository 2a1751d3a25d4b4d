import type { FromSchema } from 'json-schema-to-ts';
import { HttpError } from '../errors.js';
import { localTarget } from './local-target.js';
import type { SessionFilter, SessionRow, StoredEvent } from '../repositories/events.js';
import { SafeHtml, html, page } from './html.js';

export const FILTERS = ['site', 'terminal', 'operator', 'process', 'version', 'from', 'to', 'outcome'] as const;
const filterText = { type: 'string', maxLength: 200 } as const;
/** `GET /history`'s querystring: the filters (each free text the page checks) and the page number. */
export const historyQuery = {
  type: 'object',
  properties: {
    ...(Object.fromEntries(FILTERS.map((f) => [f, filterText])) as Record<(typeof FILTERS)[number], typeof filterText>),
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
  },
} as const;
/** The filters as the route reads them (`page` optional: the pages' own links build these too). */
export type FilterQuery = FromSchema<typeof historyQuery, { keepDefaultedPropertiesOptional: true }>;

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?(Z|[+-]\d{2}:\d{2})?$/;

/** `YYYY-MM-DD` names a day of the calendar (JavaScript's Date reads 2026-02-30 as 2 March). */
function realDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A `from`/`to` filter: an ISO date or date-time; without a zone it is UTC (the page shows UTC
 * times, and a `datetime-local` input sends no zone). Anything else is a 400, never ignored.
 */
export function parseUtc(name: string, s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const m = ISO_TIME.exec(s.trim());
  const d = m && realDate(m[1]!) ? new Date(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`) : undefined;
  if (!d || Number.isNaN(d.getTime())) {
    throw new HttpError(400, 'invalid_request', `${name} must be a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM), read as UTC; got "${s}"`);
  }
  return d;
}

export function toFilter(q: FilterQuery): SessionFilter {
  const date = (name: 'from' | 'to') => parseUtc(name, q[name]);
  return {
    siteId: q.site || undefined,
    terminalId: q.terminal || undefined,
    operatorId: q.operator || undefined,
    processKey: q.process || undefined,
    version: q.version || undefined,
    from: date('from'),
    to: date('to'),
    outcome: q.outcome || undefined,
  };
}

function query(q: FilterQuery, pageNo: number): string {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (q[k]) p.set(k, q[k]!);
  p.set('page', String(pageNo));
  return `?${p.toString()}`;
}

/** The designer's replay page with the history's filters (the replay needs a process; it asks when none is set). */
export function replayLink(q: FilterQuery): string {
  const p = new URLSearchParams();
  for (const k of ['process', 'site', 'version', 'from', 'to', 'outcome'] as const) if (q[k]) p.set(k, q[k]!);
  return `/#/replays?${p.toString()}`;
}
const englishPlural = new Intl.PluralRules('en');
/** "1 session", "2 sessions": the count with the word in the form English needs for it. */
export const countOf = (n: number, one: string, other: string) => `${n} ${englishPlural.select(n) === 'one' ? one : other}`;

/** The process's own name for how a completed dialog ended (its end node's outcome), when it names one. */
const endedAs = (s: SessionRow): SafeHtml => (s.endOutcome ? html` <span class="end-outcome">(${s.endOutcome})</span>` : html``);

const fmtTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export function sessionsPage(q: FilterQuery, result: { sessions: SessionRow[]; total: number }, pageNo: number, pageSize: number): string {
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const field = (name: (typeof FILTERS)[number], label: string, type = 'text') =>
    html`<label>${label}<input name="${name}" type="${type}" value="${q[name] ?? ''}"></label>`;
  const rows = result.sessions.map(
    (s) => html`<tr>
<td><a href="/history/sessions/${encodeURIComponent(s.sessionId)}">${s.sessionId}</a></td>
<td>${fmtTime(s.startedAt)}</td><td>${Math.round((Date.parse(s.lastAt) - Date.parse(s.startedAt)) / 1000)} s</td>
<td>${s.siteId}</td><td>${s.terminalId}</td><td>${s.operatorId ?? ''}</td>
<td>${s.processKey}</td><td>${s.versionNumber ?? ''} <code class="muted">${s.versionHash.slice(0, 12)}</code></td>
<td>${s.eventCount}</td><td class="outcome-${s.outcome}">${s.outcome}${endedAs(s)}</td></tr>`,
  );
  const body = html`<form class="filters" method="get" action="/history">
${field('site', 'Site')}${field('terminal', 'Terminal')}${field('operator', 'Operator')}${field('process', 'Process')}
${field('version', 'Version (number or hash)')}${field('from', 'From (UTC)', 'datetime-local')}${field('to', 'To (UTC)', 'datetime-local')}
${field('outcome', 'Outcome (completed, switched, error, paused, open)')}
<button type="submit">Filter</button></form>
<p class="muted">${countOf(result.total, 'session', 'sessions')} · page ${pageNo} of ${pages} · <a id="replay" href="${replayLink(q)}">Replay these sessions on the draft or a version…</a></p>
<table><thead><tr><th>Session</th><th>Started (UTC)</th><th>Duration</th><th>Site</th><th>Terminal</th><th>Operator</th><th>Process</th><th>Version</th><th>Events</th><th>Outcome</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="10" class="muted">No sessions match.</td></tr>`}</tbody></table>
<p>${pageNo > 1 ? html`<a rel="prev" href="/history${query(q, pageNo - 1)}">← newer</a> ` : ''}${pageNo < pages ? html`<a rel="next" href="/history${query(q, pageNo + 1)}">older →</a>` : ''}</p>`;
  return page('Dialog history', body);
}

/** One line of the timeline: what was said, heard (with confidence), each transition, WMS call and error. */
function describe(e: StoredEvent): SafeHtml {
  const d = e.data as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  switch (e.type) {
    case 'prompt':
      return html`said “${str(d.text)}” <span class="muted">${str(d.reason)} ${str(d.language)}</span>`;
    case 'hypothesis':
      return html`heard “${str(d.text)}” confidence ${typeof d.confidence === 'number' ? d.confidence.toFixed(2) : str(d.confidence)}${d.matched !== undefined ? html` → ${str(d.matched)}` : ''}`;
    case 'silence':
      return html`silence (attempt ${str(d.attempt)})`;
    case 'nomatch':
      return html`no match “${str(d.text)}” ${d.confidence !== undefined ? html`confidence ${str(d.confidence)}` : ''} (attempt ${str(d.attempt)})`;
    case 'transition':
      return html`${str(d.from)} → ${str(d.to)} <span class="muted">on ${str(d.event)}</span>`;
    case 'variable':
      return html`${str(d.name)} = <code>${str(d.value)}</code> <span class="muted">was ${str(d.previous)}</span>`;
    case 'wms.request':
      return html`WMS ${str(d.method)} ${str(d.url)} ${d.body !== undefined ? html`<code>${str(d.body)}</code>` : ''}`;
    case 'wms.response':
      return html`WMS answered ${str(d.status)} in ${str(d.ms)} ms <code>${str(d.body).slice(0, 300)}</code>`;
    case 'wms.error':
      return html`WMS error: ${str(d.message)} ${d.status !== undefined ? html`(status ${str(d.status)})` : ''}`;
    case 'error':
      return html`error ${str(d.code)}: ${str(d.message)}`;
    default:
      return html`<code>${JSON.stringify(d)}</code>`;
  }
}

export function sessionPage(session: SessionRow, events: StoredEvent[], paging: { after?: number; more: boolean } = { more: false }): string {
  let previous: number | undefined;
  const rows = events.map((e) => {
    const delta = previous === undefined ? '' : `+${((e.ts - previous) / 1000).toFixed(1)} s`;
    previous = e.ts;
    return html`<tr class="t-${e.type}"><td>${e.seq}</td><td>${fmtTime(new Date(e.ts).toISOString())}</td><td>${delta}</td>
<td>${e.type}</td><td>${e.state ?? ''}</td><td>${describe(e)}</td></tr>`;
  });
  const self = `/history/sessions/${encodeURIComponent(session.sessionId)}`;
  const last = events[events.length - 1];
  const body = html`<p><a href="/history">← all sessions</a></p>
<dl>
<dt>Process</dt><dd>${session.processKey} version ${session.versionNumber ?? '?'} <code>${session.versionHash}</code> · <a id="on-canvas" href="/#/p/${encodeURIComponent(session.processKey)}/session/${encodeURIComponent(session.sessionId)}">the path it took, on the canvas</a></dd>
<dt>Site / terminal / operator</dt><dd>${session.siteId} / ${session.terminalId} / ${session.operatorId ?? '—'}</dd>
<dt>Time</dt><dd>${fmtTime(session.startedAt)} – ${fmtTime(session.lastAt)}</dd>
<dt>Outcome</dt><dd>${session.outcome}${endedAs(session)} · ${countOf(session.eventCount, 'event', 'events')} · ${countOf(session.errorCount, 'error', 'errors')}</dd>
</dl>
<table><thead><tr><th>#</th><th>Time</th><th>Δ</th><th>Type</th><th>State</th><th>What</th></tr></thead><tbody>${rows}</tbody></table>
<p>${paging.after !== undefined && paging.after >= 0 ? html`<a rel="first" href="${self}">← first events</a> ` : ''}${paging.more && last ? html`<a rel="next" href="${self}?after=${last.seq}">later events →</a>` : ''}</p>`;
  return page(`Session ${session.sessionId}`, body);
}

/** The login form; its script is `/login.js` (no inline script: the CSP allows none). */
export function loginPage(next: string): string {
  const target = localTarget(next);
  return page('Log in', html`<form id="login" data-next="${target}"><label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Log in</button><p id="err" style="color:#c01c28"></p></form>
<script src="/login.js"></script>`);
}

/** Served as `/login.js`: posts the form, then goes to the form's `data-next` (a local path, see localTarget). */
export const LOGIN_SCRIPT = `document.getElementById('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const form = ev.target;
  const f = new FormData(form);
  const r = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: f.get('username'), password: f.get('password') }) });
  if (r.ok) location.href = form.dataset.next || '/history';
  else document.getElementById('err').textContent = (await r.json()).message;
});
`;
