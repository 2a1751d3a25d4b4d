import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { ADMIN_PASSWORD, BACKENDS, login, testApp } from './backends.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(BACKENDS)('console users and sessions on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  let n = 0;
  beforeAll(async () => {
    app = await testApp(backend);
    admin = await login(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => app?.close());

  const call = (cookie: string, method: Method, url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  /** A fresh user of `role` (each test its own), logged in. */
  const newUser = async (role: 'designer' | 'tester' | 'admin' = 'designer') => {
    const username = `user${++n}-${backend}`;
    const res = await call(admin, 'POST', '/api/users', { username, password: 'first-password', role });
    expect(res.statusCode, res.body).toBe(201);
    const id = (await call(admin, 'GET', '/api/users')).json().find((u: { username: string }) => u.username === username).id as number;
    return { id, username, cookie: await login(app, username, 'first-password') };
  };
  const auditOf = async (action: string, target: string) =>
    (await app.repos.audit.list({ action, target })).map((e) => ({ actor: e.actor, before: e.before, after: e.after }));

  it('lists users with state and session counts, never a password hash', async () => {
    const u = await newUser();
    const res = await call(admin, 'GET', '/api/users');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/scrypt|hash/i);
    expect(res.json().find((x: { id: number }) => x.id === u.id)).toEqual({
      id: u.id, username: u.username, role: 'designer', mustChangePassword: false, createdAt: expect.any(String), disabledAt: null, disabledBy: null, sessions: 1,
    });
  });

  it('a user created with a one-time password must change it before anything else', async () => {
    const username = `onetime-${backend}`;
    expect((await call(admin, 'POST', '/api/users', { username, password: 'given-by-admin', role: 'tester', mustChangePassword: true })).statusCode).toBe(201);
    const cookie = await login(app, username, 'given-by-admin');
    expect((await call(cookie, 'GET', '/api/processes')).json().code).toBe('password_change_required');
    expect(await auditOf('user.create', username)).toEqual([{ actor: 'admin', before: null, after: { role: 'tester', mustChangePassword: true } }]);
  });

  it('changes a role, audited with before and after; the new role applies to the open session', async () => {
    const u = await newUser('designer');
    const res = await call(admin, 'PATCH', `/api/users/${u.id}`, { role: 'tester' });
    expect(res.json()).toMatchObject({ role: 'tester' });
    expect((await call(u.cookie, 'POST', '/api/processes', { key: 'by-tester', name: 'x' })).statusCode).toBe(403);
    expect(await auditOf('user.update', u.username)).toEqual([{ actor: 'admin', before: { role: 'designer' }, after: { role: 'tester' } }]);
    // The same role again changes nothing and records nothing.
    await call(admin, 'PATCH', `/api/users/${u.id}`, { role: 'tester' });
    expect(await auditOf('user.update', u.username)).toHaveLength(1);
  });

  it('disabling ends the sessions at once and refuses the login with a clear message; enabling lets them back', async () => {
    const u = await newUser();
    const second = await login(app, u.username, 'first-password');
    const res = await call(admin, 'POST', `/api/users/${u.id}/disable`);
    expect(res.json()).toMatchObject({ disabledAt: expect.any(String), disabledBy: 'admin', sessions: 0 });
    for (const cookie of [u.cookie, second]) expect((await call(cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'first-password' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'user_disabled', message: expect.stringContaining('disabled') });
    // A wrong password still says only that: a disabled account is not revealed to a guesser.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong-password' } })).json().code).toBe('bad_credentials');
    expect((await call(admin, 'POST', `/api/users/${u.id}/disable`)).statusCode).toBe(200);
    expect(await auditOf('user.disable', u.username)).toEqual([{ actor: 'admin', before: expect.objectContaining({ disabled: false }), after: expect.objectContaining({ disabled: true, endedSessions: 2 }) }]);

    expect((await call(admin, 'POST', `/api/users/${u.id}/enable`)).json()).toMatchObject({ disabledAt: null });
    expect((await call(await login(app, u.username, 'first-password'), 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(await auditOf('user.enable', u.username)).toHaveLength(1);
  });

  it('refuses disabling, demoting or resetting yourself, naming what to do instead', async () => {
    const me = (await call(admin, 'GET', '/api/users')).json().find((u: { username: string }) => u.username === 'admin').id;
    for (const [method, url, payload] of [['POST', `/api/users/${me}/disable`], ['PATCH', `/api/users/${me}`, { role: 'designer' }], ['POST', `/api/users/${me}/password-reset`]] as const) {
      const res = await call(admin, method, url, payload);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'not_yourself', message: expect.stringMatching(/your own account/) });
    }
    expect((await call(admin, 'GET', '/api/auth/me')).json().role).toBe('admin');
  });

  it('two admins disabling each other at once: one wins, the other is refused, one admin is left', async () => {
    const a = await newUser('admin');
    const b = await newUser('admin');
    // The installation's own admin steps aside for this test's pair: only a and b are enabled admins.
    const boss = (await call(admin, 'GET', '/api/users')).json().filter((u: { role: string; disabledAt: null | string }) => u.role === 'admin' && u.disabledAt === null);
    for (const other of boss) if (other.id !== a.id && other.id !== b.id) await call(a.cookie, 'POST', `/api/users/${other.id}/disable`);
    const [ab, ba] = await Promise.all([call(a.cookie, 'POST', `/api/users/${b.id}/disable`), call(b.cookie, 'POST', `/api/users/${a.id}/disable`)]);
    const statuses = [ab.statusCode, ba.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const loser = ab.statusCode === 200 ? ba : ab;
    if (loser.statusCode === 409) expect(loser.json()).toMatchObject({ code: 'last_admin', message: expect.stringContaining('last enabled admin') });
    const winner = ab.statusCode === 200 ? a : b;
    const admins = (await call(winner.cookie, 'GET', '/api/users')).json().filter((u: { role: string; disabledAt: null | string }) => u.role === 'admin' && u.disabledAt === null);
    expect(admins).toHaveLength(1);
    // Put the installation's admin back for the other tests.
    for (const other of boss) await call(winner.cookie, 'POST', `/api/users/${other.id}/enable`);
    admin = await login(app, 'admin', ADMIN_PASSWORD);
  });

  it('a password reset is shown once, is one-time, and ends the sessions', async () => {
    const u = await newUser();
    const res = await call(admin, 'POST', `/api/users/${u.id}/password-reset`);
    expect(res.statusCode).toBe(200);
    const { password, user } = res.json();
    expect(password).toMatch(/^[A-Za-z2-9]{14}$/);
    expect(user).toMatchObject({ mustChangePassword: true, sessions: 0 });
    expect((await call(u.cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'first-password' } })).statusCode).toBe(401);
    const cookie = await login(app, u.username, password);
    expect((await call(cookie, 'GET', '/api/processes')).json().code).toBe('password_change_required');
    expect((await app.inject({ method: 'PUT', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: password, newPassword: 'my-own-password' } })).statusCode).toBe(204);
    expect((await call(cookie, 'GET', '/api/processes')).statusCode).toBe(200);
    const audited = await app.repos.audit.list({ action: 'user.password_reset', target: u.username });
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(password);
  });

  it('lists a user\'s sessions with where they came from, and ends one or all', async () => {
    const u = await newUser();
    const second = await login(app, u.username, 'first-password');
    const sessions = (await call(admin, 'GET', `/api/users/${u.id}/sessions`)).json();
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), createdAt: expect.any(String), expiresAt: expect.any(String), address: '127.0.0.1', current: false });
    const me = (await call(admin, 'GET', '/api/users')).json().find((x: { username: string }) => x.username === 'admin').id;
    expect((await call(admin, 'GET', `/api/users/${me}/sessions`)).json().some((s: { current: boolean }) => s.current)).toBe(true);

    // Which session is which: end one, and exactly one of the two cookies stops working.
    expect((await call(admin, 'DELETE', `/api/users/${u.id}/sessions/${sessions[0].id}`)).json()).toEqual({ ended: 1 });
    const alive = await Promise.all([u.cookie, second].map(async (c) => (await call(c, 'GET', '/api/auth/me')).statusCode));
    expect(alive.sort()).toEqual([200, 401]);
    expect((await call(admin, 'DELETE', `/api/users/${u.id}/sessions/${sessions[0].id}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/api/users/${u.id}/sessions`)).json()).toEqual({ ended: 1 });
    for (const c of [u.cookie, second]) expect((await call(c, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditOf('session.end', u.username)).toHaveLength(2);
  });

  it('bad input: unknown ids, wrong types, NUL and huge strings get a clear 4xx', async () => {
    expect((await call(admin, 'PATCH', '/api/users/999999', { role: 'tester' })).json()).toMatchObject({ code: 'not_found', message: 'user 999999 not found' });
    expect((await call(admin, 'POST', '/api/users/999999/disable')).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/api/users/999999/sessions')).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', '/api/users/1', { role: 'king' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', '/api/users/99999999999', { role: 'tester' })).statusCode).toBe(400);
    expect((await call(admin, 'DELETE', '/api/users/1/sessions/not-hex')).statusCode).toBe(400);
    expect((await call(admin, 'DELETE', '/api/users/1/sessions/%00%00')).json().code).toBe('invalid_characters');
    expect((await call(admin, 'POST', '/api/users', { username: 'x'.repeat(100_000), password: 'long-enough', role: 'tester' })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/api/users', { username: 'nul\u0000name', password: 'long-enough', role: 'tester' })).json().code).toBe('invalid_characters');
  });
});
