import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { BACKENDS, login, testApp, usersOfEveryRole } from './backends.js';

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

// One app per backend (booting one costs seconds); every test makes its own processes, versions,
// deployments, terminals and sessions under fresh keys, so the tests pass in any order and one
// failure does not cascade (`npx vitest run --project server test/api.test.ts --sequence.shuffle`).
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

  const fresh = (base: string) => `${base}-${randomBytes(4).toString('hex')}`;
  /** A new process whose draft says `text` (revision 2): its key. */
  async function processWithDraft(base: string, text = 'Hello'): Promise<string> {
    const key = fresh(base);
    expect((await call(cookies.designer, 'POST', '/api/processes', { key, name: base })).statusCode).toBe(201);
    expect((await call(cookies.designer, 'PUT', `/api/processes/${key}/draft`, { graph: sayFlow(key, text), revision: 1 })).json().revision).toBe(2);
    return key;
  }
  /** Publishes the draft at `revision`: the new version. */
  async function publish(key: string, revision: number, note = ''): Promise<{ number: number; hash: string }> {
    const res = await call(cookies.admin, 'POST', `/api/processes/${key}/versions`, { note, revision });
    expect(res.statusCode).toBe(201);
    return res.json();
  }
  async function deploy(siteId: string, processKey: string, versionNumber: number) {
    expect((await call(cookies.admin, 'POST', `/api/sites/${siteId}/deployments`, { processKey, versionNumber })).statusCode).toBe(201);
  }

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
    const c = await login(app, 'designer', 'designer-password');
    expect((await call(c, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await call(c, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('drafts: create, read with ETag, save with revision, stale save is 409 and changes nothing', async () => {
    const greet = fresh('greet');
    const created = await call(cookies.designer, 'POST', '/api/processes', { key: greet, name: 'Greeting' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: greet, name: 'Greeting', revision: 1, updatedBy: 'designer' });
    expect((await call(cookies.designer, 'POST', '/api/processes', { key: greet, name: 'Again' })).json().code).toBe('key_taken');

    const got = await call(cookies.tester, 'GET', `/api/processes/${greet}`);
    expect(got.headers.etag).toBe('"1"');

    const saved = await call(cookies.designer, 'PUT', `/api/processes/${greet}/draft`, { graph: sayFlow(greet), revision: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().revision).toBe(2);

    const stale = await call(cookies.admin, 'PUT', `/api/processes/${greet}/draft`, { graph: sayFlow(greet, 'Overwrite'), revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', current: { revision: 2, updatedBy: 'designer' } });
    expect(JSON.stringify(stale.json().current.graph)).toContain('Hello');

    const viaIfMatch = await call(cookies.designer, 'PUT', `/api/processes/${greet}/draft`, { graph: sayFlow(greet, 'Hi') }, { 'if-match': '"2"' });
    expect(viaIfMatch.json().revision).toBe(3);
    const list = (await call(cookies.tester, 'GET', `/api/processes?q=${greet.slice(0, -2)}`)).json();
    expect(list).toEqual([expect.objectContaining({ key: greet, revision: 3, latestVersion: null })]);
  });

  it('publish compiles on the server: errors → 422 with diagnostics; ok → immutable numbered version', async () => {
    const broken = fresh('broken');
    await call(cookies.designer, 'POST', '/api/processes', { key: broken, name: 'Broken' });
    const put = await call(cookies.designer, 'PUT', `/api/processes/${broken}/draft`, { graph: { ...starterGraph(broken, 'Broken'), edges: [] }, revision: 1 });
    expect(put.statusCode).toBe(200);
    const validate = (await call(cookies.tester, 'POST', `/api/processes/${broken}/validate`)).json();
    expect(validate.ok).toBe(false);
    expect(validate.diagnostics.length).toBeGreaterThan(0);
    const refused = await call(cookies.admin, 'POST', `/api/processes/${broken}/versions`, { note: 'x', revision: 2 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('flow_has_errors');
    expect(refused.json().diagnostics.some((d: { severity: string }) => d.severity === 'error')).toBe(true);

    const greet = await processWithDraft('greet');
    const staleRev = await call(cookies.admin, 'POST', `/api/processes/${greet}/versions`, { note: 'first', revision: 1 });
    expect(staleRev.statusCode).toBe(409);
    const v1 = await call(cookies.admin, 'POST', `/api/processes/${greet}/versions`, { note: 'first', revision: 2 });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ number: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const full = (await call(cookies.tester, 'GET', `/api/processes/${greet}/versions/1`)).json();
    expect(full).toMatchObject({ number: 1, note: 'first', author: 'admin', hash: v1.json().hash });
    expect(full.machine).toHaveProperty('states');
    expect((await call(cookies.tester, 'GET', `/api/processes/${greet}/versions`)).json()).toHaveLength(1);
    expect((await call(cookies.tester, 'GET', `/api/processes/${greet}/versions/9`)).statusCode).toBe(404);
  });

  it('deploys, lists environments with sites, rolls back, refuses deleting a deployed process', async () => {
    const greet = await processWithDraft('greet');
    await publish(greet, 2);
    await call(cookies.designer, 'PUT', `/api/processes/${greet}/draft`, { graph: sayFlow(greet, 'Version two'), revision: 2 });
    expect((await publish(greet, 3, 'second')).number).toBe(2);
    for (const n of [1, 2, 1]) await deploy('pilot-dc-1', greet, n);
    const envs = (await call(cookies.tester, 'GET', '/api/environments')).json();
    expect(envs.map((e: { name: string }) => e.name)).toEqual(['development', 'test', 'production']);
    const prod = envs[2];
    expect(prod.sites.map((s: { name: string }) => s.name)).toEqual(['Pilot DC 1', 'Pilot DC 2']);
    const mine = <T extends { processKey: string }>(list: T[]) => list.filter((d) => d.processKey === greet);
    expect(mine(prod.sites[0].deployments)).toEqual([expect.objectContaining({ processKey: greet, versionNumber: 1 })]);
    const hist = (await call(cookies.tester, 'GET', '/api/sites/pilot-dc-1/deployments/history')).json();
    expect(mine(hist as { processKey: string; versionNumber: number }[]).map((h) => h.versionNumber)).toEqual([1, 2, 1]);
    expect((await call(cookies.admin, 'POST', '/api/sites/nowhere/deployments', { processKey: greet, versionNumber: 1 })).statusCode).toBe(404);
    expect((await call(cookies.admin, 'POST', '/api/sites/pilot-dc-1/deployments', { processKey: greet, versionNumber: 99 })).statusCode).toBe(404);
    const del = await call(cookies.designer, 'DELETE', `/api/processes/${greet}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('process_deployed');
  });

  it('renames, duplicates and deletes drafts; versions outlive the draft', async () => {
    const greet = await processWithDraft('greet');
    expect((await call(cookies.designer, 'PATCH', `/api/processes/${greet}`, { name: 'Renamed' })).json().name).toBe('Renamed');
    const copy = fresh('greet-copy');
    const dup = await call(cookies.designer, 'POST', `/api/processes/${greet}/duplicate`, { key: copy, name: 'Copy' });
    expect(dup.statusCode).toBe(201);
    expect(dup.json().graph.process).toMatchObject({ key: copy, name: 'Copy' });
    await publish(copy, 1);
    expect((await call(cookies.designer, 'DELETE', `/api/processes/${copy}`)).statusCode).toBe(204);
    expect((await call(cookies.tester, 'GET', `/api/processes/${copy}`)).statusCode).toBe(404);
    expect((await call(cookies.tester, 'GET', `/api/processes/${copy}/versions/1`)).statusCode).toBe(200);
  });

  it('reference tables are versioned per PUT', async () => {
    const table = `/api/reference/${fresh('short-reasons')}`;
    expect((await call(cookies.tester, 'GET', table)).statusCode).toBe(404);
    const rows = [{ key: 'damaged', value: 'Damaged' }, { key: 'empty', value: 'Empty slot' }];
    const r1 = (await call(cookies.admin, 'PUT', table, { rows })).json();
    const r2 = (await call(cookies.admin, 'PUT', table, { rows: rows.slice(0, 1) })).json();
    expect([r1.revision, r2.revision]).toEqual([1, 2]);
    expect((await call(cookies.tester, 'GET', table)).json()).toMatchObject({ revision: 2, rows: rows.slice(0, 1) });
    const dupKeys = await call(cookies.admin, 'PUT', table, { rows: [rows[0], rows[0]] });
    expect(dupKeys.json().code).toBe('duplicate_key');
  });

  describe('terminal API', () => {
    /** A terminal at `siteId` (its own process published and deployed there), and events for it in a fresh session. */
    async function terminal(siteId = 'pilot-dc-1') {
      const processKey = await processWithDraft('greet');
      const v1 = await publish(processKey, 2);
      await deploy(siteId, processKey, 1);
      const res = await call(cookies.admin, 'POST', '/api/terminals', { siteId, name: fresh('T') });
      expect(res.statusCode).toBe(201);
      const { token, id: terminalId } = res.json() as { token: string; id: string };
      const sessionId = fresh('sess');
      return {
        processKey, token, terminalId, sessionId,
        auth: { authorization: `Bearer ${token}` },
        event: (over: Record<string, unknown> = {}) => ({
          id: randomUUID(), sessionId, seq: 0, ts: Date.now(), terminalId, operatorId: 'op-1',
          processKey, versionHash: v1.hash, type: 'prompt', state: 'say', data: { text: 'Hello' }, ...over,
        }),
      };
    }
    const post = (t: { auth: Record<string, string> }, events: unknown[]) =>
      app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: t.auth, payload: { events } });

    it('stores only a hash of the token', async () => {
      const t = await terminal();
      const { rows } = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM terminals WHERE id = $1', [t.terminalId]);
      expect(rows[0]!.token_hash).not.toContain(t.token);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it("fetches its site's machines with an ETag; If-None-Match → 304; a deploy changes the ETag", async () => {
      const t = await terminal();
      const first = await app.inject({ url: '/api/terminal/v1/machines', headers: t.auth });
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body.site).toMatchObject({ id: 'pilot-dc-1', environment: 'production' });
      const mine = (b: { processes: { processKey: string }[] }) => b.processes.filter((p) => p.processKey === t.processKey);
      expect(mine(body)).toEqual([expect.objectContaining({ processKey: t.processKey, versionNumber: 1, machine: expect.objectContaining({ states: expect.any(Object) }) })]);
      const etag = first.headers.etag as string;
      const again = await app.inject({ url: '/api/terminal/v1/machines', headers: { ...t.auth, 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      await call(cookies.designer, 'PUT', `/api/processes/${t.processKey}/draft`, { graph: sayFlow(t.processKey, 'Version two'), revision: 2 });
      await publish(t.processKey, 3);
      await deploy('pilot-dc-1', t.processKey, 2);
      const changed = await app.inject({ url: '/api/terminal/v1/machines', headers: { ...t.auth, 'if-none-match': etag } });
      expect(changed.statusCode).toBe(200);
      expect(mine(changed.json())).toEqual([expect.objectContaining({ versionNumber: 2 })]);
    });

    it('ingests batches idempotently and says what happened to each event', async () => {
      const t = await terminal();
      const a = t.event({ seq: 0, type: 'session.start', data: {} });
      const b = t.event({ seq: 1 });
      const foreign = t.event({ seq: 2, terminalId: 'someone-else' });
      const bad = t.event({ seq: 3, type: 'telepathy' });
      const res = await post(t, [a, b, foreign, bad]);
      expect(res.statusCode).toBe(200);
      const out = res.json();
      expect(out.stored.sort()).toEqual([a.id, b.id].sort());
      expect(out.rejected).toEqual([
        expect.objectContaining({ id: foreign.id, code: 'wrong_terminal' }),
        expect.objectContaining({ id: bad.id, code: 'invalid_event' }),
      ]);
      const retry = (await post(t, [b, a])).json();
      expect(retry).toEqual({ stored: [], duplicates: [b.id, a.id], rejected: [] });
    });

    it('limits batches: too many events → 400, body over 1 MiB → 413, both JSON', async () => {
      const t = await terminal();
      const tooMany = await post(t, Array.from({ length: 501 }, (_, i) => t.event({ seq: 1000 + i })));
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('500') });
      const tooBig = await post(t, [t.event({ data: { blob: 'x'.repeat(1024 * 1024) } })]);
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().code).toBe('body_too_large');
    });

    it('heartbeat records versions', async () => {
      const t = await terminal();
      const res = await app.inject({ method: 'POST', url: '/api/terminal/v1/heartbeat', headers: t.auth, payload: { shellVersion: '1.2', runtimeVersion: '0.1.0', machines: [{ processKey: t.processKey, hash: 'h' }] } });
      expect(res.statusCode).toBe(200);
      const list = (await call(cookies.admin, 'GET', '/api/terminals')).json() as { id: string }[];
      expect(list.filter((x) => x.id === t.terminalId)).toEqual([expect.objectContaining({ id: t.terminalId, shellVersion: '1.2', runtimeVersion: '0.1.0', lastSeenAt: expect.any(String) })]);
    });

    it('an unknown token is 401; a browser cookie does not open the terminal API', async () => {
      expect((await app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
      expect((await call(cookies.admin, 'GET', '/api/terminal/v1/machines')).statusCode).toBe(401);
    });

    it('history pages list the session, show its timeline and escape what terminals sent', async () => {
      const t = await terminal();
      const evilSession = `${t.sessionId}-<x>`;
      const hello = t.event();
      const evil = t.event({ sessionId: evilSession, seq: 0, type: 'hypothesis', data: { text: '<script>alert(1)</script>', confidence: 0.91 } });
      expect((await post(t, [hello, evil])).json().stored).toHaveLength(2);
      const anon = await app.inject('/history');
      expect(anon.statusCode).toBe(302);
      expect(anon.headers.location).toBe('/login?next=%2Fhistory');
      const redirect = await app.inject(`/login?next=${encodeURIComponent('/\\evil.example')}`);
      expect(redirect.body).not.toContain('evil.example');
      expect(redirect.body).toContain('data-next="/history"');
      const badTime = await call(cookies.tester, 'GET', '/history?from=yesterday');
      expect(badTime.statusCode).toBe(400);
      expect(badTime.json().message).toContain('UTC');
      const list = await call(cookies.tester, 'GET', `/history?terminal=${t.terminalId}`);
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-type']).toContain('text/html');
      expect(list.body).toContain(`/history/sessions/${t.sessionId}`);
      expect(list.body).toContain(`${t.sessionId}-&lt;x&gt;`);
      const timeline = await call(cookies.tester, 'GET', `/history/sessions/${encodeURIComponent(evilSession)}`);
      expect(timeline.statusCode).toBe(200);
      expect(timeline.body).not.toContain('<script>alert(1)');
      expect(timeline.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(timeline.body).toContain('confidence 0.91');
      const timeline1 = await call(cookies.tester, 'GET', `/history/sessions/${t.sessionId}`);
      expect(timeline1.body).toContain('said “Hello”');
      expect((await call(cookies.tester, 'GET', '/history/sessions/none')).statusCode).toBe(404);
    });
  });

  it('OpenAPI lists every API route', async () => {
    const spec = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    // Every route Fastify registered, as OpenAPI spells it (`:key` → `{key}`), but the page's own
    // assets (/docs) and HEAD (Fastify adds one beside every GET).
    const served = app.routeList
      .filter((r) => !r.hidden && r.method !== 'HEAD' && !r.url.startsWith('/docs'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(50);
    expect(documented).toEqual([...new Set(served)].sort());
  });

  it('OpenAPI says what each status means, lists site ids and shows a real example body for the main writes', async () => {
    const spec = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, {
      responses: Record<string, { description: string }>; parameters?: { name: string; examples?: Record<string, unknown> }[];
      requestBody?: { content: { 'application/json': { example?: unknown } } };
    }>> };
    const operations = Object.values(spec.paths).flatMap((ops) => Object.values(ops));
    const descriptions = operations.flatMap((op) => Object.entries(op.responses).map(([status, r]) => `${status} ${r.description}`));
    expect(descriptions.filter((d) => d.endsWith('Default Response'))).toEqual([]);
    expect(descriptions).toContain('409 Conflicts with the current state (a stale revision, a taken key, a deployed process); the body says what is current');
    const deploy = spec.paths['/api/sites/{siteId}/deployments']!.post!;
    expect(Object.keys(deploy.parameters!.find((p) => p.name === 'siteId')!.examples!)).toEqual(['dev-lab', 'test-lab', 'pilot-dc-1', 'pilot-dc-2']);
    // The examples are bodies the API accepts (not random keys): posting one creates that process.
    const example = spec.paths['/api/processes']!.post!.requestBody!.content['application/json'].example as { key: string; name: string };
    const key = fresh(example.key);
    expect((await call(cookies.designer, 'POST', '/api/processes', { ...example, key })).statusCode).toBe(201);
    const draftExample = spec.paths['/api/processes/{key}/draft']!.put!.requestBody!.content['application/json'].example as object;
    expect((await call(cookies.designer, 'PUT', `/api/processes/${key}/draft`, draftExample)).statusCode).toBe(200);
    expect((await call(cookies.tester, 'POST', `/api/processes/${key}/validate`)).json()).toMatchObject({ ok: true });
  });

  it('unknown API paths are JSON 404; without a built designer / explains how to build it', async () => {
    const res = await app.inject('/api/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await app.inject('/')).body).toContain('npm run build');
  });
});
