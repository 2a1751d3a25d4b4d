import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { buildApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { login, pgliteTemplate, testApp, usersOfEveryRole } from './backends.js';

// Routing and authorization logic: PGlite only (the SQL runs on both backends in api.test.ts).
describe('terminals per site, revoking, heartbeat versions', () => {
  let app: VoicemanApp;
  let admin: string;
  beforeAll(async () => {
    app = await testApp('pglite');
    admin = (await usersOfEveryRole(app)).admin;
  });
  afterAll(async () => app?.close());

  const asAdmin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie: admin }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const register = async (siteId: string) => (await asAdmin('POST', '/api/terminals', { siteId, name: `on ${siteId}` })).json() as { id: string; token: string };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("each terminal sees only its own site's deployments and its events carry its site", async () => {
    for (const key of ['one', 'two']) {
      await asAdmin('POST', '/api/processes', { key, name: key, graph: starterGraph(key, key) });
      expect((await asAdmin('POST', `/api/processes/${key}/versions`, { revision: 1 })).statusCode).toBe(201);
    }
    await asAdmin('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'one', versionNumber: 1 });
    await asAdmin('POST', '/api/sites/pilot-dc-2/deployments', { processKey: 'two', versionNumber: 1 });
    const t1 = await register('pilot-dc-1');
    const t2 = await register('pilot-dc-2');
    const m1 = (await app.inject({ url: '/api/terminal/v1/machines', headers: bearer(t1.token) })).json();
    const m2 = (await app.inject({ url: '/api/terminal/v1/machines', headers: bearer(t2.token) })).json();
    expect(m1.site.id).toBe('pilot-dc-1');
    expect(m1.processes.map((p: { processKey: string }) => p.processKey)).toEqual(['one']);
    expect(m2.site.id).toBe('pilot-dc-2');
    expect(m2.processes.map((p: { processKey: string }) => p.processKey)).toEqual(['two']);

    for (const [t, session] of [[t1, 'site-a'], [t2, 'site-b']] as const) {
      const event = { id: randomUUID(), sessionId: session, seq: 0, ts: Date.now(), terminalId: t.id, operatorId: null, processKey: 'one', versionHash: 'h', type: 'session.start', state: null, data: {} };
      expect((await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: bearer(t.token), payload: { events: [event] } })).json().stored).toEqual([event.id]);
    }
    expect((await app.repos.events.session('site-a'))?.session.siteId).toBe('pilot-dc-1');
    expect((await app.repos.events.session('site-b'))?.session.siteId).toBe('pilot-dc-2');
  });

  it('admins see the machine versions a heartbeat reported', async () => {
    const t = await register('dev-lab');
    const machines = [{ processKey: 'one', hash: 'abc123' }];
    await app.inject({ method: 'POST', url: '/api/terminal/v1/heartbeat', headers: bearer(t.token), payload: { shellVersion: '1.2', runtimeVersion: '0.1.0', machines } });
    const listed = (await asAdmin('GET', '/api/terminals')).json().find((x: { id: string }) => x.id === t.id);
    expect(listed).toMatchObject({ shellVersion: '1.2', runtimeVersion: '0.1.0', machines });
  });

  it('a revoked terminal is refused at once, though its token was just cached', async () => {
    const t = await register('dev-lab');
    expect((await app.inject({ url: '/api/terminal/v1/machines', headers: bearer(t.token) })).statusCode).toBe(200);
    expect((await asAdmin('DELETE', `/api/terminals/${t.id}`)).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/terminal/v1/machines', headers: bearer(t.token) })).statusCode).toBe(401);
    expect((await asAdmin('DELETE', `/api/terminals/${t.id}`)).statusCode).toBe(404);
  });
});

describe('changing passwords', () => {
  it('the generated first-start password must be changed; the new one works, the old one not', async () => {
    const saved = process.env.VOICEMAN_ADMIN_PASSWORD;
    delete process.env.VOICEMAN_ADMIN_PASSWORD;
    const app = await buildApp({ dataDir: 'memory', pgliteTemplate: await pgliteTemplate(), designerDist: '/nonexistent' });
    try {
      const once = app.initialAdminPassword!;
      const cookie = await login(app, 'admin', once);
      const other = await login(app, 'admin', once);
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json()).toMatchObject({ username: 'admin', mustChangePassword: true });
      const put = (payload: object) => app.inject({ method: 'PUT', url: '/api/auth/password', headers: { cookie }, payload });
      expect((await put({ currentPassword: 'wrong-one', newPassword: 'a-new-password' })).json().code).toBe('bad_credentials');
      expect((await put({ currentPassword: once, newPassword: once })).statusCode).toBe(400);
      expect((await put({ currentPassword: once, newPassword: 'a-new-password' })).statusCode).toBe(204);
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().mustChangePassword).toBe(false);
      // Other sessions end with the change; the old password no longer logs in.
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
      await expect(login(app, 'admin', once)).rejects.toThrow(/401/);
      await login(app, 'admin', 'a-new-password');
    } finally {
      await app.close();
      if (saved !== undefined) process.env.VOICEMAN_ADMIN_PASSWORD = saved;
    }
  });

  it('a configured admin password is not one-time', async () => {
    const app = await testApp('pglite');
    try {
      const cookie = await login(app, 'admin', 'admin-password-for-tests');
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().mustChangePassword).toBe(false);
    } finally {
      await app.close();
    }
  });
});
