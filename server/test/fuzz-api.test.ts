import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, deployedTerminal, eventFor, login, testApp, usersOfEveryRole, type DeployedTerminal } from './backends.js';
import { fromSchema, hostileValue, pathSegment, type Schema } from './fuzz-arbitraries.js';

/**
 * Every route, fuzzed from its own OpenAPI schema (`app.swagger()`): values the schema accepts
 * mixed with NUL, lone surrogates, huge strings, deep nesting, wrong types and boundary numbers,
 * sent by callers of every kind. Whatever comes in: no 5xx, the documented error shape, no
 * partial write (a refused draft save leaves the revision; a batch's valid events all land).
 */
type Who = 'anonymous' | 'designer' | 'tester' | 'admin' | 'terminal';
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: Schema }[];
  body?: Schema;
}

/** Cases per route on PGlite; PostgreSQL runs a tenth. Routes that hash a password (scrypt, ~50 ms) run fewer. */
const RUNS: Record<string, number> = {
  default: 345, 'POST /api/auth/login': 40, 'PUT /api/auth/password': 40, 'POST /api/auth/logout': 40, 'POST /api/users': 40,
  // These compile a draft and run scenarios in the background: fewer cases, the same checks.
  'POST /api/processes/{key}/scenario-runs': 60, 'POST /api/scenario-runs/nightly': 20,
};
const KNOWN_KEY = 'fuzzed';

describe.each(BACKENDS)('API fuzzing on %s', (backend) => {
  const share = backend === 'pglite' ? 1 : 0.1;
  let app: VoicemanApp;
  let headers: Record<Who, Record<string, string>>;
  let t: DeployedTerminal;
  let operations: Operation[] = [];
  let cases = 0;

  beforeAll(async () => {
    // Limits high enough that the fuzzer's own logins are not what it measures.
    app = await testApp(backend, { login: { loginPerIpPerMinute: 1_000_000, lockout: { maxFailures: 1_000_000, windowMs: 1, lockMs: 1 } } });
    const c = await usersOfEveryRole(app);
    t = await deployedTerminal(app, c.admin);
    await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: c.admin }, payload: { key: KNOWN_KEY, name: 'Fuzzed' } });
    headers = { anonymous: {}, designer: { cookie: c.designer }, tester: { cookie: c.tester }, admin: { cookie: c.admin }, terminal: t.auth };
    const spec = app.swagger() as { paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: Schema }> } }>> };
    operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([m]) => m !== 'head').map(([method, op]) => ({
        method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema,
      })),
    );
  });
  afterAll(async () => {
    if (backend === 'pglite') expect(cases).toBeGreaterThanOrEqual(10_000);
    await app?.close();
  });

  const revision = async () => (await app.repos.processes.get(KNOWN_KEY))?.revision;

  /** Asserts what every answer must be; returns it. */
  async function send(req: { method: string; url: string; who: Who; payload?: unknown; raw?: string; headers?: Record<string, string> }) {
    cases++;
    // Logging out or changing a password would end the shared sessions the other cases use.
    const own = req.url === '/api/auth/logout' || req.url === '/api/auth/password';
    const h = own && req.who !== 'anonymous' && req.who !== 'terminal' ? { cookie: await login(app, req.who, req.who === 'admin' ? 'admin-password-for-tests' : `${req.who}-password`) } : headers[req.who];
    const res = await app.inject({
      method: req.method as 'GET', url: req.url, headers: { ...h, ...req.headers, ...(req.raw !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(req.raw !== undefined ? { payload: req.raw } : req.payload !== undefined ? { payload: req.payload as object } : {}),
    });
    expect(res.statusCode, `${req.method} ${req.url} as ${req.who}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400 && String(res.headers['content-type']).includes('json')) {
      expect(res.json(), `${req.method} ${req.url}`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    return res;
  }

  it('covers every documented route', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it.each(['GET /api/auth/me', 'POST /api/auth/login', 'PUT /api/auth/password', 'POST /api/auth/logout', 'GET /api/processes', 'POST /api/processes',
    'GET /api/processes/{key}', 'PATCH /api/processes/{key}', 'DELETE /api/processes/{key}', 'PUT /api/processes/{key}/draft',
    'POST /api/processes/{key}/duplicate', 'POST /api/processes/{key}/validate', 'POST /api/processes/{key}/versions', 'GET /api/processes/{key}/versions',
    'GET /api/processes/{key}/versions/{number}', 'GET /api/environments', 'POST /api/sites/{siteId}/deployments', 'DELETE /api/sites/{siteId}/deployments/{processKey}', 'GET /api/sites/{siteId}/deployments/history',
    'GET /api/reference/{name}', 'PUT /api/reference/{name}', 'GET /api/users', 'POST /api/users', 'GET /api/terminals', 'POST /api/terminals',
    'POST /api/terminals/{id}/token', 'DELETE /api/terminals/{id}', 'GET /history', 'GET /history/sessions/{sessionId}', 'GET /api/terminal/v1/machines',
    'POST /api/terminal/v1/events', 'POST /api/terminal/v1/token', 'POST /api/terminal/v1/heartbeat',
    'GET /api/processes/{key}/scenarios', 'POST /api/processes/{key}/scenarios', 'POST /api/processes/{key}/scenarios/import',
    'GET /api/processes/{key}/scenarios/{id}', 'PUT /api/processes/{key}/scenarios/{id}', 'DELETE /api/processes/{key}/scenarios/{id}',
    'POST /api/processes/{key}/scenario-runs', 'GET /api/processes/{key}/scenario-runs', 'GET /api/scenario-runs/{id}', 'POST /api/scenario-runs/nightly',
    // The console's reads and the writes that cannot end the fuzzer's own sessions (user disable/reset/sessions are in console-users.test.ts).
    'GET /api/fleet', 'PATCH /api/terminals/{id}', 'GET /api/reference', 'GET /api/reference/{name}/revisions', 'GET /api/reference/{name}/revisions/{revision}',
    'GET /api/reference/{name}/csv', 'POST /api/reference/{name}/import', 'GET /api/audit', 'GET /api/audit/csv',
    'GET /api/packages/installation', 'PUT /api/packages/installation', 'GET /api/packages/trusted-keys', 'POST /api/packages/trusted-keys',
    'DELETE /api/packages/trusted-keys/{id}', 'POST /api/packages/export', 'POST /api/packages/dry-run', 'POST /api/packages/import'])('%s', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const op = operations.find((o) => o.method === method && o.path === path);
    expect(op, `${route} is in the OpenAPI document`).toBeDefined();
    const terminalRoute = path.startsWith('/api/terminal/');
    const who = fc.oneof(
      { weight: 3, arbitrary: fc.constant<Who>(terminalRoute ? 'terminal' : 'admin') },
      { weight: 2, arbitrary: fc.constantFrom<Who>('designer', 'tester') },
      { weight: 1, arbitrary: fc.constantFrom<Who>('anonymous', 'designer', 'tester', 'admin', 'terminal') },
    );
    const pathParams = op!.params.filter((p) => p.in === 'path');
    const queryParams = op!.params.filter((p) => p.in === 'query');
    const headerParams = op!.params.filter((p) => p.in === 'header');
    const headerValue = fc.option(fc.oneof(fc.constantFrom('"1"', '"99999999999"', 'W/"2"', '"-5"', '*', '"abc"', '""'), fc.stringMatching(/^[\x20-\x7e]{0,30}$/)), { freq: 2 });
    // Known values now and then, so the fuzzer reaches past "not found" (never the fuzzer's own terminal's revocation).
    const known: Record<string, string[]> = {
      key: method === 'DELETE' ? ['hostile'] : [KNOWN_KEY, 'hostile'], siteId: ['dev-lab', 'pilot-dc-1'], name: ['short_reasons'], sessionId: ['s-known'], number: ['1'],
    };
    const param = (p: Operation['params'][number]) =>
      known[p.name] && !path.startsWith('/api/terminals/') ? fc.oneof(fc.constantFrom(...known[p.name]!), fromSchema(p.schema)) : fromSchema(p.schema);
    const body = fc.oneof(
      { weight: 10, arbitrary: op!.body ? fromSchema(op!.body) : fc.constant(undefined) },
      { weight: 1, arbitrary: hostileValue },
      { weight: 1, arbitrary: fc.constantFrom('{"a":', '[1,2', `{"x":${'['.repeat(3000)}${']'.repeat(3000)}}`, 'null', '""', '{"__proto__":{"admin":true}}', '\u0000').map((raw) => ({ raw })) },
    );
    const runs = Math.max(5, Math.round((RUNS[route] ?? RUNS.default!) * share));
    await fc.assert(
      fc.asyncProperty(who, fc.tuple(...pathParams.map(param)), fc.tuple(...queryParams.map((p) => fc.option(fromSchema(p.schema), { freq: 2 }))), body, fc.tuple(...headerParams.map(() => headerValue)), async (caller, pv, qv, b, hv) => {
        let url = path;
        pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, pathSegment(pv[i]))));
        const q = new URLSearchParams();
        queryParams.forEach((p, i) => qv[i] !== null && q.set(p.name, typeof qv[i] === 'string' ? (qv[i] as string) : JSON.stringify(qv[i])));
        if ([...q].length) url += `?${q}`;
        const raw = b && typeof b === 'object' && 'raw' in b ? (b as { raw: string }).raw : undefined;
        const payload = method === 'GET' || method === 'DELETE' ? undefined : raw === undefined ? b : undefined;
        const draftSave = route === 'PUT /api/processes/{key}/draft' && url.startsWith(`/api/processes/${KNOWN_KEY}/`);
        const before = draftSave ? await revision() : undefined;
        const extra = Object.fromEntries(headerParams.flatMap((p, i) => (hv[i] === null ? [] : [[p.name, hv[i]!]])));
        const res = await send({ method, url, who: caller, payload, raw: method === 'GET' || method === 'DELETE' ? undefined : raw, headers: extra });
        if (draftSave) expect(await revision()).toBe(res.statusCode === 200 ? before! + 1 : before);
      }),
      { numRuns: runs },
    );
  }, 120_000);

  it("a batch's valid events all land, whatever hostile events travel with them", async () => {
    let session = 0;
    const broken = fc.oneof(
      hostileValue,
      // A valid event with one field made hostile.
      fc.tuple(fc.constantFrom('id', 'sessionId', 'seq', 'ts', 'terminalId', 'operatorId', 'processKey', 'versionHash', 'type', 'state', 'data'), hostileValue)
        .map(([field, v]) => eventFor(t, { sessionId: `fz-${session}`, seq: 1000, [field]: v })),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 20 }), fc.array(broken, { maxLength: 20 }), fc.infiniteStream(fc.boolean()), async (nValid, bad, coin) => {
        session++;
        const good = Array.from({ length: nValid }, (_, i) => eventFor(t, { sessionId: `fz-${session}`, seq: i }));
        const batch: unknown[] = [...bad];
        for (const g of good) batch.splice(coin.next().value ? 0 : batch.length, 0, g);
        const res = await send({ method: 'POST', url: '/api/terminal/v1/events', who: 'terminal', payload: { events: batch } });
        expect(res.statusCode).toBe(200);
        const out = res.json() as { stored: string[]; duplicates: string[]; rejected: { id: string }[] };
        for (const g of good) expect(out.stored).toContain(g.id);
        if (good.length) {
          const { rows } = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dialog_events WHERE id = ANY($1::uuid[])', [good.map((g) => g.id)]);
          expect(rows[0]!.n).toBe(good.length);
        }
      }),
      { numRuns: Math.round(300 * share) },
    );
  }, 120_000);

  it('still answers after all of it', async () => {
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });
});
