import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

describe.each(BACKENDS)('audit log route and export on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  let tester: string;
  beforeAll(async () => {
    app = await testApp(backend);
    ({ admin, tester } = await usersOfEveryRole(app));
  });
  afterAll(async () => app?.close());

  const get = (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });
  const terminal = async (name: string) =>
    (await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: admin }, payload: { siteId: 'dev-lab', name } })).json() as { id: string };
  const rename = (id: string, name: string) => app.inject({ method: 'PATCH', url: `/api/terminals/${id}`, headers: { cookie: admin }, payload: { name } });

  it('filters by action, actor, target text and time, newest first', async () => {
    const t = await terminal('audit one');
    await rename(t.id, 'audit two');
    await rename(t.id, 'audit three');
    const byAction = (await get(`/api/audit?action=terminal.rename&target=${t.id.toUpperCase()}`)).json();
    expect(byAction.entries.map((e: { after: { name: string } }) => e.after.name)).toEqual(['audit three', 'audit two']);
    expect(byAction.entries[0]).toEqual({ id: expect.any(Number), at: expect.any(String), actor: 'admin', address: '127.0.0.1', action: 'terminal.rename', target: expect.stringContaining(t.id), before: { name: 'audit two' }, after: { name: 'audit three' } });
    expect(byAction.nextBefore).toBeNull();

    const logins = (await get('/api/audit?action=auth.login&actor=tester')).json().entries;
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(logins.every((e: { actor: string }) => e.actor === 'tester')).toBe(true);

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await get(`/api/audit?from=${encodeURIComponent(future)}`)).json().entries).toEqual([]);
    const since = encodeURIComponent(byAction.entries[0].at);
    expect((await get(`/api/audit?action=terminal.rename&from=${since}&target=${t.id}`)).json().entries).toHaveLength(1);
    expect((await get(`/api/audit?action=terminal.rename&to=${since}&target=${t.id}`)).json().entries).toHaveLength(1);
  });

  it('pages backwards with nextBefore until the end', async () => {
    const t = await terminal('pager');
    for (const n of [1, 2, 3]) await rename(t.id, `pager ${n}`);
    const seen: string[] = [];
    let url = `/api/audit?action=terminal.rename&target=${t.id}&limit=2`;
    for (let page = 0; page < 5; page++) {
      const body = (await get(url)).json();
      seen.push(...body.entries.map((e: { after: { name: string } }) => e.after.name));
      if (body.nextBefore === null) break;
      url = `/api/audit?action=terminal.rename&target=${t.id}&limit=2&before=${body.nextBefore}`;
    }
    expect(seen).toEqual(['pager 3', 'pager 2', 'pager 1']);
  });

  it('exports the same filters as CSV', async () => {
    const t = await terminal('csv');
    await rename(t.id, 'csv, "quoted"\u00e9');
    const res = await get(`/api/audit/csv?action=terminal.rename&target=${t.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(res.body) as string[][];
    expect(rows[0]).toEqual(['id', 'at', 'actor', 'address', 'action', 'target', 'before', 'after']);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(2, 5)).toEqual(['admin', '127.0.0.1', 'terminal.rename']);
    expect(JSON.parse(rows[1]![6]!)).toEqual({ name: 'csv' });
    expect(JSON.parse(rows[1]![7]!)).toEqual({ name: 'csv, "quoted"\u00e9' });
  });

  it('a cell a spreadsheet would run as a formula is exported as text', async () => {
    // A failed login records the name as typed: anyone can put a formula there.
    const formula = '=HYPERLINK("http://evil.example","x")';
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: formula, password: 'whatever' } });
    const rows = parse((await get('/api/audit/csv?action=auth.login_failed&target=HYPERLINK')).body) as string[][];
    expect(rows[1]!.slice(2, 6)).toEqual([`'${formula}`, '127.0.0.1', 'auth.login_failed', `'${formula}`]);
    // The JSON page keeps it as it was.
    expect((await get('/api/audit?action=auth.login_failed&target=HYPERLINK')).json().entries[0].actor).toBe(formula);
  });

  it('refuses bad filters with a clear message; only admins read it', async () => {
    expect((await get('/api/audit?from=yesterday')).statusCode).toBe(400);
    const backwards = await get('/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(backwards.json()).toMatchObject({ code: 'bad_range', message: expect.stringContaining('must be before') });
    expect((await get('/api/audit?limit=0')).statusCode).toBe(400);
    expect((await get(`/api/audit?target=${'x'.repeat(300)}`)).statusCode).toBe(400);
    expect((await get('/api/audit?target=%00')).json().code).toBe('invalid_characters');
    expect((await get('/api/audit?action=nothing.here')).json()).toEqual({ entries: [], nextBefore: null });
    expect((await get('/api/audit', tester)).statusCode).toBe(403);
    expect((await get('/api/audit/csv', tester)).statusCode).toBe(403);
  });
});
