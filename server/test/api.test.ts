import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

/** A flow that compiles: start → say → end. */
function sayFlow(key: string, text = 'Hello') {
  const g = starterGraph(key, key);
  return {
    ...g,
    nodes: [...g.nodes, { id: 'say', kind: 'say', position: { x: 0, y: 80 }, data: { text: { en: text } } }],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'say' },
      { id: 'e2', source: 'say', outcome: 'next', target: 'end' },
    ],
  };
}

describe.each(BACKENDS)('API on %s', (backend) => {
  let app: VoicemanApp;
  let cookies: { admin: string; designer: string; tester: string };
  beforeAll(async () => {
    app = await testApp(backend);
    cookies = await usersOfEveryRole(app);
  });
  afterAll(async () => app?.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('healthz answers with the database kind', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, database: backend });
  });

  it('login: wrong password is 401, me reflects the role, logout ends the session', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('bad_credentials');
    expect((await call(cookies.tester, 'GET', '/api/auth/me')).json()).toEqual({ username: 'tester', role: 'tester', mustChangePassword: false });
    const { login } = await import('./backends.js');
    const c = await login(app, 'designer', 'designer-password');
    expect((await call(c, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(c, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('drafts: create, read with ETag, save with revision, stale save is 409 and changes nothing', async () => {
    const created = await call(cookies.designer, 'POST', '/api/processes', { key: 'greet', name: 'Greeting' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'greet', name: 'Greeting', revision: 1, updatedBy: 'designer' });
    expect((await call(cookies.designer, 'POST', '/api/processes', { key: 'greet', name: 'Again' })).json().code).toBe('key_taken');

    const got = await call(cookies.tester, 'GET', '/api/processes/greet');
    expect(got.headers.etag).toBe('"1"');

    const saved = await call(cookies.designer, 'PUT', '/api/processes/greet/draft', { graph: sayFlow('greet'), revision: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(2);

    const stale = await call(cookies.admin, 'PUT', '/api/processes/greet/draft', { graph: sayFlow('greet', 'Overwrite'), revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', current: { revision: 2, updatedBy: 'designer' } });
    expect(JSON.stringify(stale.json().current.graph)).toContain('Hello');

    const viaIfMatch = await call(cookies.designer, 'PUT', '/api/processes/greet/draft', { graph: sayFlow('greet', 'Hi') }, { 'if-match': '"2"' });
    expect(viaIfMatch.json().revision).toBe(3);
    const list = (await call(cookies.tester, 'GET', '/api/processes?q=gree')).json();
    expect(list).toEqual([expect.objectContaining({ key: 'greet', revision: 3, latestVersion: null })]);
  });

  it('publish compiles on the server: errors → 422 with diagnostics; ok → immutable numbered version', async () => {
    await call(cookies.designer, 'POST', '/api/processes', { key: 'broken', name: 'Broken' });
    const g = starterGraph('broken', 'Broken');
    const broken = { ...g, edges: [] };
    const put = await call(cookies.designer, 'PUT', '/api/processes/broken/draft', { graph: broken, revision: 1 });
    expect(put.statusCode).toBe(200);
    const validate = (await call(cookies.tester, 'POST', '/api/processes/broken/validate')).json();
    expect(validate.ok).toBe(false);
    expect(validate.diagnostics.length).toBeGreaterThan(0);
    const refused = await call(cookies.admin, 'POST', '/api/processes/broken/versions', { note: 'x', revision: 2 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('flow_has_errors');
    expect(refused.json().diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);

    const staleRev = await call(cookies.admin, 'POST', '/api/processes/greet/versions', { note: 'first', revision: 1 });
    expect(staleRev.statusCode).toBe(409);
    const v1 = await call(cookies.admin, 'POST', '/api/processes/greet/versions', { note: 'first', revision: 3 });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ number: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const full = (await call(cookies.tester, 'GET', '/api/processes/greet/versions/1')).json();
    expect(full).toMatchObject({ number: 1, note: 'first', author: 'admin', hash: v1.json().hash });
    expect(full.machine).toHaveProperty('states');
    expect((await call(cookies.tester, 'GET', '/api/processes/greet/versions')).json()).toHaveLength(1);
    expect((await call(cookies.tester, 'GET', '/api/processes/greet/versions/9')).statusCode).toBe(404);
  });

  it('deploys, lists environments with sites, rolls back, refuses deleting a deployed process', async () => {
    await call(cookies.designer, 'PUT', '/api/processes/greet/draft', { graph: sayFlow('greet', 'Version two'), revision: 3 });
    const v2 = (await call(cookies.admin, 'POST', '/api/processes/greet/versions', { note: 'second', revision: 4 })).json();
    expect(v2.number).toBe(2);
    for (const n of [1, 2, 1]) {
      const d = await call(cookies.admin, 'POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'greet', versionNumber: n });
      expect(d.statusCode).toBe(201);
    }
    const envs = (await call(cookies.tester, 'GET', '/api/environments')).json();
    expect(envs.map((e: { name: string }) => e.name)).toEqual(['development', 'test', 'production']);
    const prod = envs[2];
    expect(prod.sites.map((s: { name: string }) => s.name)).toEqual(['Pilot DC 1', 'Pilot DC 2']);
    expect(prod.sites[0].deployments).toEqual([expect.objectContaining({ processKey: 'greet', versionNumber: 1 })]);
    const hist = (await call(cookies.tester, 'GET', '/api/sites/pilot-dc-1/deployments/history')).json();
    expect(hist.map((h: { versionNumber: number }) => h.versionNumber)).toEqual([1, 2, 1]);
    expect((await call(cookies.admin, 'POST', '/api/sites/nowhere/deployments', { processKey: 'greet', versionNumber: 1 })).statusCode).toBe(404);
    expect((await call(cookies.admin, 'POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'greet', versionNumber: 99 })).statusCode).toBe(404);
    const del = await call(cookies.designer, 'DELETE', '/api/processes/greet');
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('process_deployed');
  });

  it('renames, duplicates and deletes drafts; versions outlive the draft', async () => {
    expect((await call(cookies.designer, 'PATCH', '/api/processes/broken', { name: 'Still broken' })).json().name).toBe('Still broken');
    const dup = await call(cookies.designer, 'POST', '/api/processes/greet/duplicate', { key: 'greet-copy', name: 'Copy' });
    expect(dup.statusCode).toBe(201);
    expect(dup.json().graph.process).toMatchObject({ key: 'greet-copy', name: 'Copy' });
    const v = await call(cookies.admin, 'POST', '/api/processes/greet-copy/versions', { note: '', revision: 1 });
    expect(v.statusCode).toBe(201);
    expect((await call(cookies.designer, 'DELETE', '/api/processes/greet-copy')).statusCode).toBe(204);
    expect((await call(cookies.tester, 'GET', '/api/processes/greet-copy')).statusCode).toBe(404);
    expect((await call(cookies.tester, 'GET', '/api/processes/greet-copy/versions/1')).statusCode).toBe(200);
  });

  it('reference tables are versioned per PUT', async () => {
    expect((await call(cookies.tester, 'GET', '/api/reference/short-reasons')).statusCode).toBe(404);
    const rows = [{ key: 'damaged', value: 'Damaged' }, { key: 'empty', value: 'Empty slot' }];
    const r1 = (await call(cookies.admin, 'PUT', '/api/reference/short-reasons', { rows })).json();
    const r2 = (await call(cookies.admin, 'PUT', '/api/reference/short-reasons', { rows: rows.slice(0, 1) })).json();
    expect([r1.revision, r2.revision]).toEqual([1, 2]);
    expect((await call(cookies.tester, 'GET', '/api/reference/short-reasons')).json()).toMatchObject({ revision: 2, rows: rows.slice(0, 1) });
    const dupKeys = await call(cookies.admin, 'PUT', '/api/reference/short-reasons', { rows: [rows[0], rows[0]] });
    expect(dupKeys.json().code).toBe('duplicate_key');
  });

  describe('terminal API', () => {
    let token: string;
    let terminalId: string;
    let versionHash: string;
    const auth = () => ({ authorization: `Bearer ${token}` });
    const event = (over: Record<string, unknown> = {}) => ({
      id: randomUUID(), sessionId: 'sess-1', seq: 0, ts: Date.now(), terminalId, operatorId: 'op-1',
      processKey: 'greet', versionHash, type: 'prompt', state: 'say', data: { text: 'Hello' }, ...over,
    });

    beforeAll(async () => {
      const res = await call(cookies.admin, 'POST', '/api/terminals', { siteId: 'pilot-dc-1', name: 'T1' });
      expect(res.statusCode).toBe(201);
      token = res.json().token;
      terminalId = res.json().id;
      versionHash = (await call(cookies.admin, 'GET', '/api/processes/greet/versions/1')).json().hash;
    });

    it('stores only a hash of the token', async () => {
      const { rows } = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM terminals WHERE id = $1', [terminalId]);
      expect(rows[0]!.token_hash).not.toContain(token);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it("fetches its site's machines with an ETag; If-None-Match → 304; a deploy changes the ETag", async () => {
      const first = await app.inject({ url: '/api/terminal/v1/machines', headers: auth() });
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body.site).toMatchObject({ id: 'pilot-dc-1', environment: 'production' });
      expect(body.processes).toEqual([expect.objectContaining({ processKey: 'greet', versionNumber: 1 })]);
      expect(body.processes[0].machine).toHaveProperty('states');
      const etag = first.headers.etag as string;
      const again = await app.inject({ url: '/api/terminal/v1/machines', headers: { ...auth(), 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      await call(cookies.admin, 'POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'greet', versionNumber: 2 });
      const changed = await app.inject({ url: '/api/terminal/v1/machines', headers: { ...auth(), 'if-none-match': etag } });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().processes[0].versionNumber).toBe(2);
    });

    it('ingests batches idempotently and says what happened to each event', async () => {
      const a = event({ seq: 0, type: 'session.start', data: {} });
      const b = event({ seq: 1 });
      const foreign = event({ seq: 2, terminalId: 'someone-else' });
      const bad = event({ seq: 3, type: 'telepathy' });
      const res = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth(), payload: { events: [a, b, foreign, bad] } });
      expect(res.statusCode).toBe(200);
      const out = res.json();
      expect(out.stored.sort()).toEqual([a.id, b.id].sort());
      expect(out.rejected).toEqual([
        expect.objectContaining({ id: foreign.id, code: 'wrong_terminal' }),
        expect.objectContaining({ id: bad.id, code: 'invalid_event' }),
      ]);
      const retry = (await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth(), payload: { events: [b, a] } })).json();
      expect(retry).toEqual({ stored: [], duplicates: [b.id, a.id], rejected: [] });
    });

    it('limits batches: too many events → 400, body over 1 MiB → 413, both JSON', async () => {
      const many = Array.from({ length: 501 }, (_, i) => event({ seq: 1000 + i }));
      const tooMany = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth(), payload: { events: many } });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('500') });
      const huge = [event({ data: { blob: 'x'.repeat(1024 * 1024) } })];
      const tooBig = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth(), payload: { events: huge } });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().code).toBe('body_too_large');
    });

    it('heartbeat records versions', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/terminal/v1/heartbeat', headers: auth(), payload: { shellVersion: '1.2', runtimeVersion: '0.1.0', machines: [{ processKey: 'greet', hash: 'h' }] } });
      expect(res.statusCode).toBe(200);
      const list = (await call(cookies.admin, 'GET', '/api/terminals')).json();
      expect(list).toEqual([expect.objectContaining({ id: terminalId, shellVersion: '1.2', runtimeVersion: '0.1.0', lastSeenAt: expect.any(String) })]);
    });

    it('an unknown token is 401; a browser cookie does not open the terminal API', async () => {
      expect((await app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
      expect((await call(cookies.admin, 'GET', '/api/terminal/v1/machines')).statusCode).toBe(401);
    });

    it('history pages list the session, show its timeline and escape what terminals sent', async () => {
      const evil = event({ sessionId: 'sess-<x>', seq: 0, type: 'hypothesis', data: { text: '<script>alert(1)</script>', confidence: 0.91 } });
      await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth(), payload: { events: [evil] } });
      const anon = await app.inject('/history');
      expect(anon.statusCode).toBe(302);
      expect(anon.headers.location).toBe('/login?next=%2Fhistory');
      const redirect = await app.inject(`/login?next=${encodeURIComponent('/\\evil.example')}`);
      expect(redirect.body).not.toContain('evil.example');
      expect(redirect.body).toContain('data-next="/history"');
      const badTime = await call(cookies.tester, 'GET', '/history?from=yesterday');
      expect(badTime.statusCode).toBe(400);
      expect(badTime.json().message).toContain('UTC');
      const list = await call(cookies.tester, 'GET', `/history?terminal=${terminalId}`);
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-type']).toContain('text/html');
      expect(list.body).toContain('/history/sessions/sess-1');
      expect(list.body).toContain('sess-&lt;x&gt;');
      const timeline = await call(cookies.tester, 'GET', `/history/sessions/${encodeURIComponent('sess-<x>')}`);
      expect(timeline.statusCode).toBe(200);
      expect(timeline.body).not.toContain('<script>alert(1)');
      expect(timeline.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(timeline.body).toContain('confidence 0.91');
      const timeline1 = await call(cookies.tester, 'GET', '/history/sessions/sess-1');
      expect(timeline1.body).toContain('said “Hello”');
      expect((await call(cookies.tester, 'GET', '/history/sessions/none')).statusCode).toBe(404);
    });
  });

  it('OpenAPI lists every API route', async () => {
    const spec = (await app.inject('/docs/json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/processes/{key}/draft', '/api/terminal/v1/events', '/history']));
  });

  it('unknown API paths are JSON 404; without a built designer / explains how to build it', async () => {
    const res = await app.inject('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await app.inject('/')).body).toContain('npm run build');
  });
});
