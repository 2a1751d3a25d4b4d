import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFlows, exampleReferenceTables, startMockWms, type MockWms } from '@voiceman/examples';
import type { VoicemanApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

type Cookies = Awaited<ReturnType<typeof usersOfEveryRole>>;

/** A real HTTP server on a loopback address whose handler a test sets. */
async function httpServer(host: string, handle: (path: string, res: import('node:http').ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => handle(req.url ?? '/', res));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { url: `http://${host}:${(server.address() as AddressInfo).port}`, server };
}

describe.each(BACKENDS)('simulations on %s', (backend) => {
  let app: VoicemanApp;
  let c: Cookies;
  let wms: MockWms;
  beforeAll(async () => {
    wms = await startMockWms({ port: 0 });
    app = await testApp(backend);
    c = await usersOfEveryRole(app);
    await seedExamples(app.repos, app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: wms.url });
  });
  afterAll(async () => {
    await app?.close();
    await wms?.close();
  });

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const open = (cookie: string, body: object) => call(cookie, 'POST', '/api/simulations', { processKey: 'case-picking', version: 1, language: 'en', ...body });
  const say = (cookie: string, id: string, text: string) => call(cookie, 'POST', `/api/simulations/${id}/input`, { kind: 'speech', text });
  const prompts = (view: { transcript: { kind: string; text?: string }[] }) => view.transcript.filter((t) => t.kind === 'say').map((t) => t.text);

  it('runs a published example against the mock WMS the seed allowed, and steps back', async () => {
    const res = await open(c.tester, {});
    expect(res.statusCode, res.body).toBe(201);
    const { id, view } = res.json();
    expect(view).toMatchObject({ status: 'waiting', stateId: 'signOn/askId', expecting: { stateId: 'signOn/askId', language: 'en' } });
    await say(c.tester, id, 'four two seven');
    const signedOn = (await say(c.tester, id, 'yes')).json().view;
    expect(prompts(signedOn)).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'Hello, Ivan Petrov.', 'Assignment 1 0 2 3 4, 4 picks, 11 cases. Ready?']);
    expect(signedOn.transcript.find((t: { kind: string }) => t.kind === 'wms').wms).toMatchObject({ method: 'POST', status: 200 });
    const back = (await call(c.tester, 'POST', `/api/simulations/${id}/back`, { toStep: 1 })).json().view;
    expect(back).toMatchObject({ status: 'waiting', steps: 1 });
    expect(prompts(back)).toEqual(['Operator ID?', 'Operator 4 2 7, correct?']);
    const again = (await call(c.tester, 'POST', `/api/simulations/${id}/restart`)).json().view;
    expect(again).toMatchObject({ status: 'waiting', steps: 0 });
    expect((await call(c.tester, 'GET', `/api/simulations/${id}`)).json().view.steps).toBe(0);
    expect((await call(c.tester, 'DELETE', `/api/simulations/${id}`)).statusCode).toBe(204);
    expect((await call(c.tester, 'GET', `/api/simulations/${id}`)).statusCode).toBe(404);
  });

  it('answers a stubbed request node with the stub, and simulates a draft', async () => {
    const res = await call(c.designer, 'POST', '/api/simulations', {
      processKey: 'case-picking', version: 'draft', language: 'en',
      stubs: { 'signOn/signOnRequest': [{ status: 403, body: { error: 'blocked' } }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    await say(c.designer, id, 'four two seven');
    const view = (await say(c.designer, id, 'yes')).json().view;
    expect(view.transcript.find((t: { kind: string }) => t.kind === 'wms').wms).toMatchObject({ status: 403 });
    expect(prompts(view)).toContain('Operator 4 2 7 not accepted.');
  });

  it('refuses bad bodies with a clear 4xx', async () => {
    const notRequest = await open(c.tester, { stubs: { 'signOn/askId': [{ status: 200 }] } });
    expect(notRequest.statusCode).toBe(400);
    expect(notRequest.json()).toMatchObject({ code: 'bad_stub', message: expect.stringContaining('"signOn/askId"') });
    const unknownNode = await open(c.tester, { stubs: { nowhere: [{ status: 200 }] } });
    expect(unknownNode.json()).toMatchObject({ code: 'bad_stub', message: expect.stringContaining('no node with this id') });
    expect((await open(c.tester, { processKey: 'no-such-process' })).statusCode).toBe(404);
    const graph = { ...(exampleFlows()[0] as object), edges: [] };
    expect((await call(c.designer, 'POST', '/api/processes', { key: 'broken-draft', name: 'Broken', graph })).statusCode).toBe(201);
    const broken = await open(c.tester, { processKey: 'broken-draft', version: 'draft' });
    expect(broken.statusCode).toBe(422);
    expect(broken.json()).toMatchObject({ code: 'draft_invalid', diagnostics: expect.any(Array) });
    expect((await open(c.tester, { version: 99 })).statusCode).toBe(404);
    expect((await open(c.tester, { version: 0 })).statusCode).toBe(400);
    expect((await open(c.tester, { version: 'latest' })).statusCode).toBe(400);
    expect((await open(c.tester, { input: { nope: 1 } })).json()).toMatchObject({ code: 'bad_input', message: expect.stringContaining('"nope"') });
    expect((await open(c.tester, { input: { wmsUrl: 42 } })).json().code).toBe('bad_input');
    expect((await open(c.tester, { stubs: { 'signOn/signOnRequest': [{ status: 200, timeout: true }] } })).statusCode).toBe(400);
    const { id } = (await open(c.tester, {})).json();
    expect((await call(c.tester, 'POST', `/api/simulations/${id}/input`, { kind: 'shout', text: 'x' })).statusCode).toBe(400);
    expect((await call(c.tester, 'POST', `/api/simulations/${id}/input`, { kind: 'speech', text: 'x'.repeat(5000) })).statusCode).toBe(400);
    expect((await call(c.tester, 'POST', `/api/simulations/${id}/back`, { toStep: 5 })).json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('0 to 0') });
    // NUL and a lone surrogate are refused like everywhere in the API, and the dialog still waits.
    const odd = await call(c.tester, 'POST', `/api/simulations/${id}/input`, { kind: 'speech', text: 'four\u0000two \ud800 seven' });
    expect(odd.statusCode).toBe(400);
    const after = await call(c.tester, 'POST', `/api/simulations/${id}/input`, { kind: 'speech', text: 'four two seven' });
    expect(prompts(after.json().view).at(-1)).toBe('Operator 4 2 7, correct?');
    expect((await call(c.tester, 'POST', `/api/simulations/${id}/input`, { kind: 'speech', text: 'yes', confidence: 2 })).statusCode).toBe(400);
  });

  it('keeps a simulation to its creator', async () => {
    const { id } = (await open(c.tester, {})).json();
    for (const cookie of [c.designer, c.admin]) {
      expect((await call(cookie, 'GET', `/api/simulations/${id}`)).statusCode).toBe(404);
      expect((await say(cookie, id, 'yes')).statusCode).toBe(404);
      expect((await call(cookie, 'DELETE', `/api/simulations/${id}`)).statusCode).toBe(404);
    }
    expect((await call(c.tester, 'GET', `/api/simulations/${id}`)).statusCode).toBe(200);
  });

  describe('WMS proxy', () => {
    let other: { url: string; server: Server };
    let redirector: { url: string; server: Server };
    let silent: { url: string; server: Server };
    beforeAll(async () => {
      // Another loopback address: a host the allow-list does not name.
      other = await httpServer('127.0.0.2', (_path, res) => res.end(JSON.stringify({ secret: true })));
      silent = await httpServer('127.0.0.1', () => {});
      redirector = await httpServer('127.0.0.1', (path, res) => {
        if (path === '/api/ok') {
          res.setHeader('content-type', 'application/json');
          return res.end(JSON.stringify({ ok: true }));
        }
        res.statusCode = 302;
        res.setHeader('location', path === '/inside' ? '/api/ok' : `${other.url}/`);
        res.end();
      });
      const put = await call(c.admin, 'PUT', '/api/environments/test/wms-bases', { bases: [`${redirector.url}/`, `${silent.url}/slow/`] });
      expect(put.json()).toEqual({ environment: 'test', bases: [`${redirector.url}/`, `${silent.url}/slow/`] });
    });
    afterAll(() => {
      for (const s of [other, redirector, silent]) s?.server.close();
    });

    const proxy = (url: string, extra: object = {}) => call(c.tester, 'POST', '/api/simulator/wms', { request: { method: 'GET', url, headers: {}, timeoutMs: 2000, ...extra } });

    it('forwards under a configured base and answers like the WMS', async () => {
      const res = await proxy(`${wms.url}/system/health`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: expect.any(Number), body: expect.anything() });
      const { bases } = (await call(c.admin, 'GET', '/api/environments/development/wms-bases')).json();
      expect(bases).toEqual([`${wms.url}/`]);
    });

    it('is no open proxy', async () => {
      const host = new URL(wms.url).host;
      const refused = [
        `${other.url}/`, // a host nobody configured
        `http://${host}@127.0.0.2:${new URL(other.url).port}/`, // userinfo that looks like the allowed host
        `http://user:pw@${host}/picking`, // credentials for the allowed host
        `${silent.url}/slow/../admin`, // climbs out of the base path
        `${silent.url}/slow%2F..%2Fadmin`, // the same with encoded slashes
        `${silent.url}/slowpoke`, // a sibling of the base path, not under it
        `file:///etc/passwd`,
        'not a url',
      ];
      for (const url of refused) {
        const res = await proxy(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toMatchObject({ error: 'wms_not_allowed' });
      }
      const elsewhere = await proxy(`${redirector.url}/outside`);
      expect(elsewhere.statusCode).toBe(403);
      expect(elsewhere.json().message).toContain('redirected');
      // Named environment: only its own bases.
      expect((await call(c.tester, 'POST', '/api/simulator/wms', { environmentId: 'test', request: { method: 'GET', url: `${wms.url}/`, headers: {}, timeoutMs: 1000 } })).statusCode).toBe(403);
    });

    it('follows a redirect that stays under a base, reports timeouts and unreachable WMSs', async () => {
      const inside = await proxy(`${redirector.url}/inside`);
      expect(inside.statusCode).toBe(200);
      expect(inside.json()).toMatchObject({ status: 200, body: { ok: true } });
      const slow = await proxy(`${silent.url}/slow/x`, { timeoutMs: 200 });
      expect(slow.statusCode).toBe(502);
      expect(slow.json()).toMatchObject({ error: 'wms_timeout' });
      await call(c.admin, 'PUT', '/api/environments/production/wms-bases', { bases: ['http://127.0.0.1:1/'] });
      const down = await proxy('http://127.0.0.1:1/x');
      expect(down.statusCode).toBe(502);
      expect(down.json()).toMatchObject({ error: 'wms_unreachable' });
    });

    it('takes only usable base URLs', async () => {
      for (const base of ['ftp://wms.example/', 'http://user:pw@wms.example/', 'http://wms.example/?q=1', 'wms.example']) {
        const res = await call(c.admin, 'PUT', '/api/environments/test/wms-bases', { bases: [base] });
        expect(res.statusCode, base).toBe(400);
      }
      expect((await call(c.admin, 'PUT', '/api/environments/nowhere/wms-bases', { bases: [] })).statusCode).toBe(404);
    });
  });
});

describe('idle simulations', () => {
  let app: VoicemanApp;
  let c: Cookies;
  beforeAll(async () => {
    app = await testApp('pglite', { simulations: { suspendAfterMs: 50 } });
    c = await usersOfEveryRole(app);
    await seedExamples(app.repos, app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
  });
  afterAll(async () => app?.close());

  it('are suspended when idle and go on where they were', async () => {
    const inject = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie: c.tester }, ...(payload ? { payload } : {}) });
    const { id } = (await inject('POST', '/api/simulations', { processKey: 'case-picking', version: 1, language: 'en' })).json();
    const first = (await inject('POST', `/api/simulations/${id}/input`, { kind: 'speech', text: 'four two seven' })).json().view;
    await new Promise((r) => setTimeout(r, 100));
    expect((await inject('GET', `/api/simulations/${id}`)).json().view).toEqual(first);
    await new Promise((r) => setTimeout(r, 100));
    const next = (await inject('POST', `/api/simulations/${id}/input`, { kind: 'speech', text: 'no' })).json().view;
    expect(next.transcript.filter((t: { kind: string }) => t.kind === 'say').map((t: { text: string }) => t.text)).toEqual(['Operator ID?', 'Operator 4 2 7, correct?', 'Operator ID?']);
    expect(next.steps).toBe(2);
  });
});

describe('simulation limits', () => {
  let app: VoicemanApp;
  let c: Cookies;
  beforeAll(async () => {
    app = await testApp('pglite', { simulations: { perUser: 2, idleMs: 300 } });
    c = await usersOfEveryRole(app);
    await seedExamples(app.repos, app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
  });
  afterAll(async () => app?.close());
  const open = (cookie: string) => app.inject({ method: 'POST', url: '/api/simulations', headers: { cookie }, payload: { processKey: 'case-picking', version: 1 } });

  it('refuses one simulation too many per user with 429, and closes idle ones', async () => {
    const first = (await open(c.tester)).json().id;
    expect((await open(c.tester)).statusCode).toBe(201);
    const third = await open(c.tester);
    expect(third.statusCode).toBe(429);
    expect(third.json().message).toContain('limit is 2');
    // Another user has their own allowance.
    expect((await open(c.designer)).statusCode).toBe(201);
    await new Promise((r) => setTimeout(r, 400));
    expect((await app.inject({ method: 'GET', url: `/api/simulations/${first}`, headers: { cookie: c.tester } })).statusCode).toBe(404);
    expect((await open(c.tester)).statusCode).toBe(201);
  });
});
