import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

describe.each(BACKENDS)('operator speech settings on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    app = await testApp(backend);
    admin = (await usersOfEveryRole(app)).admin;
    for (const [key, siteId] of [['a1', 'pilot-dc-1'], ['a2', 'pilot-dc-1'], ['b', 'pilot-dc-2']] as const) {
      tokens[key] = (await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: admin }, payload: { siteId, name: key } })).json().token;
    }
  });
  afterAll(async () => app?.close());

  const url = (op: string) => `/api/terminal/v1/operators/${op}/settings`;
  const as = (who: string, method: 'GET' | 'PUT', op: string, payload?: object) =>
    app.inject({ method, url: url(op), headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });

  it('an operator never seen gets the defaults; what one terminal stores, another terminal of the same site reads', async () => {
    expect((await as('a1', 'GET', 'op-1')).json()).toMatchObject({ operatorId: 'op-1', siteId: 'pilot-dc-1', rate: 1, pitch: 1, volume: 1, language: null, updatedAt: null });
    const put = await as('a1', 'PUT', 'op-1', { rate: 1.3, pitch: 0.9, volume: 0.8, language: 'ru' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await as('a2', 'GET', 'op-1')).json()).toMatchObject({ rate: 1.3, pitch: 0.9, volume: 0.8, language: 'ru', updatedAt: expect.any(String) });
    // A second change replaces the first (the same request twice is harmless).
    await as('a2', 'PUT', 'op-1', { rate: 1.5, pitch: 1, volume: 1 });
    await as('a2', 'PUT', 'op-1', { rate: 1.5, pitch: 1, volume: 1 });
    expect((await as('a1', 'GET', 'op-1')).json()).toMatchObject({ rate: 1.5, language: null });
  });

  it("a terminal of another site neither reads nor changes them: the same operator id there is someone else", async () => {
    await as('a1', 'PUT', 'op-2', { rate: 2, pitch: 1, volume: 0.5 });
    expect((await as('b', 'GET', 'op-2')).json()).toMatchObject({ siteId: 'pilot-dc-2', rate: 1, volume: 1, updatedAt: null });
    await as('b', 'PUT', 'op-2', { rate: 0.7, pitch: 1, volume: 1 });
    expect((await as('a1', 'GET', 'op-2')).json()).toMatchObject({ siteId: 'pilot-dc-1', rate: 2, volume: 0.5 });
    const listed = (await app.inject({ url: '/api/operators', headers: { cookie: admin } })).json() as { siteId: string; operatorId: string; rate: number }[];
    expect(listed.filter((o) => o.operatorId === 'op-2').map((o) => [o.siteId, o.rate])).toEqual([['pilot-dc-1', 2], ['pilot-dc-2', 0.7]]);
    const one = (await app.inject({ url: '/api/operators?siteId=pilot-dc-2', headers: { cookie: admin } })).json() as { siteId: string }[];
    expect(new Set(one.map((o) => o.siteId))).toEqual(new Set(['pilot-dc-2']));
  });

  it('refuses values a speech engine cannot take, unknown languages and malformed ids with 400', async () => {
    for (const payload of [{ rate: 0, pitch: 1, volume: 1 }, { rate: 1, pitch: 9, volume: 1 }, { rate: 1, pitch: 1, volume: 1.5 }, { rate: 1, pitch: 1, volume: 1, language: 'de' }, { rate: 1, pitch: 1 }, { rate: '1', pitch: 1, volume: 1, x: 1 }]) {
      const res = await as('a1', 'PUT', 'op-3', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await as('a1', 'GET', 'op%2F3')).statusCode).toBe(400);
    expect((await as('a1', 'GET', 'x'.repeat(101))).statusCode).toBe(400);
    expect((await as('a1', 'GET', 'op-3')).json().updatedAt).toBeNull();
  });
});

describe('the terminal web app at /terminal/', () => {
  it('serves the built app and its files; a missing file is a 404, not the designer', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'vm-terminal-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Voiceman terminal</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("terminal")');
    const app = await testApp('pglite', { terminalDist: dist });
    try {
      const index = await app.inject('/terminal/');
      expect(index.statusCode).toBe(200);
      expect(index.headers['content-type']).toMatch(/text\/html/);
      expect(index.body).toContain('Voiceman terminal');
      // Its own scripts only; connections anywhere (the site's WMS), unlike the designer's pages.
      const csp = String(index.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self' blob:(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline'[^;]*;?\s*script|script-src[^;]*unsafe/);
      expect(csp).toMatch(/connect-src 'self' http: https:/);
      expect(String((await app.inject('/history')).headers['content-security-policy'])).toMatch(/connect-src 'self' ws: wss:(;|$)/);
      const js = await app.inject('/terminal/assets/app.js');
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect((await app.inject('/terminal/nope.js')).statusCode).toBe(404);
      const bare = await app.inject('/terminal?pair=ABCD2345');
      expect(bare.statusCode).toBe(302);
      expect(bare.headers.location).toBe('/terminal/?pair=ABCD2345');
      expect((await app.inject('/terminal/../package.json')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('says how to build it when it is not built (a 404 page without scripts)', async () => {
    const app = await testApp('pglite', { terminalDist: '/nonexistent/terminal' });
    try {
      for (const path of ['/terminal/', '/terminal/assets/app.js']) {
        const res = await app.inject(path);
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.body).toContain('npm run build -w android-shell');
        expect(res.body).not.toMatch(/<script/i);
      }
    } finally {
      await app.close();
    }
  });
});

describe('CORS for the Android WebView page', () => {
  let app: VoicemanApp;
  let token: string;
  const webview = 'https://appassets.androidplatform.net';
  beforeAll(async () => {
    app = await testApp('pglite');
    const admin = (await usersOfEveryRole(app)).admin;
    token = (await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: admin }, payload: { siteId: 'dev-lab', name: 'cors' } })).json().token;
  });
  afterAll(async () => app?.close());

  const preflight = (url: string, origin: string) =>
    app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

  it('answers the terminal API preflight from the WebView origin, and its real requests carry the allow-origin header', async () => {
    const pre = await preflight('/api/terminal/v1/heartbeat', webview);
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(webview);
    expect(String(pre.headers['access-control-allow-headers'])).toMatch(/authorization/);
    const beat = await app.inject({ method: 'POST', url: '/api/terminal/v1/heartbeat', headers: { origin: webview, authorization: `Bearer ${token}` }, payload: { shellVersion: '1.0.0', runtimeVersion: '0.1.0', machines: [] } });
    expect(beat.statusCode).toBe(200);
    expect(beat.headers['access-control-allow-origin']).toBe(webview);
    expect(String(beat.headers['access-control-expose-headers'])).toMatch(/x-sha256/);
    expect((await preflight('/api/terminal/v1/pair', webview)).headers['access-control-allow-origin']).toBe(webview);
  });

  it('allows no other origin, and no origin at all on the browser API (its cookie stays same-site)', async () => {
    expect((await preflight('/api/terminal/v1/heartbeat', 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('/api/terminal/v1/heartbeat', 'http://appassets.androidplatform.net')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight('/api/processes', webview)).headers['access-control-allow-origin']).toBeUndefined();
    const me = await app.inject({ url: '/api/auth/me', headers: { origin: webview } });
    expect(me.headers['access-control-allow-origin']).toBeUndefined();
  });
});
