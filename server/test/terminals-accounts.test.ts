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

  const asAdmin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
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

    const hashOf = async (key: string, n = 1) => (await asAdmin('GET', `/api/processes/${key}/versions/${n}`)).json().hash as string;
    const ev = (t: { id: string }, sessionId: string, seq: number, processKey: string, versionHash: string, type = 'prompt') => ({
      id: randomUUID(), sessionId, seq, ts: Date.now(), terminalId: t.id, operatorId: null, processKey, versionHash, type, state: null,
      data: type === 'session.end' ? { status: 'done' } : {},
    });
    const send = async (t: { token: string }, events: unknown[]) =>
      (await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: bearer(t.token), payload: { events } })).json();
    const [one, two] = [await hashOf('one'), await hashOf('two')];
    for (const [t, session, key, hash] of [[t1, 'site-a', 'one', one], [t2, 'site-b', 'two', two]] as const) {
      const event = ev(t, session, 0, key, hash, 'session.start');
      expect((await send(t, [event])).stored).toEqual([event.id]);
    }
    expect((await app.repos.events.session('site-a'))?.session.siteId).toBe('pilot-dc-1');
    expect((await app.repos.events.session('site-b'))?.session.siteId).toBe('pilot-dc-2');

    // Site A's terminal writing into site B's session: refused per event, no seq taken.
    const intruders = [1, 2, 3].map((seq) => ev(t1, 'site-b', seq, 'one', one, seq === 3 ? 'session.end' : 'prompt'));
    const own = ev(t1, 'site-a', 1, 'one', one);
    const res = await send(t1, [...intruders, own]);
    expect(res.stored).toEqual([own.id]);
    expect(res.rejected).toEqual(intruders.map((e) => ({ id: e.id, code: 'session_not_yours', message: expect.stringContaining('another terminal') })));
    // B's own events for those seqs still land, and its session is not ended by A.
    const mine = [1, 2, 3].map((seq) => ev(t2, 'site-b', seq, 'two', two));
    expect((await send(t2, mine)).stored).toEqual(mine.map((e) => e.id));
    const b = await app.repos.events.session('site-b');
    expect([b?.session.outcome, b?.events.map((e) => e.id)]).toEqual(['open', [expect.any(String), ...mine.map((e) => e.id)]]);

    // Processes not deployed to the terminal's site, or made-up hashes: refused, the rest lands.
    const foreign = ev(t1, 'site-a', 2, 'two', two);
    const madeUp = ev(t1, 'site-a', 3, 'one', 'f'.repeat(64));
    const fine = ev(t1, 'site-a', 4, 'one', one);
    const mixed = await send(t1, [foreign, madeUp, fine]);
    expect(mixed.stored).toEqual([fine.id]);
    expect(mixed.rejected.map((r: { id: string; code: string }) => [r.id, r.code])).toEqual([[foreign.id, 'not_deployed'], [madeUp.id, 'not_deployed']]);

    // A session that started on version 1 finishes on it after version 2 is deployed.
    await asAdmin('PATCH', '/api/processes/one', { name: 'One v2' });
    expect((await asAdmin('POST', '/api/processes/one/versions', { revision: 2 })).statusCode).toBe(201);
    await asAdmin('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'one', versionNumber: 2 });
    const late = ev(t1, 'site-a', 5, 'one', one, 'session.end');
    const onV2 = ev(t1, 'site-a2', 0, 'one', await hashOf('one', 2), 'session.start');
    expect((await send(t1, [late, onV2])).stored).toEqual([late.id, onV2.id]);
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
