import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type VoicemanApp } from '../src/build.js';
import { ADMIN_PASSWORD, BACKENDS, login, storage, testApp, usersOfEveryRole } from './backends.js';

const tryLogin = (app: VoicemanApp, username: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe.each(BACKENDS)('security on %s', (backend) => {
  it('the one-time first-start password opens only me, the password change and logout', async () => {
    const app = await buildApp({ ...(await storage(backend)), designerDist: '/nonexistent' });
    try {
      const once = app.initialAdminPassword!;
      expect(once).toBeTruthy();
      const cookie = await login(app, 'admin', once);
      for (const [method, url] of [['GET', '/api/processes'], ['GET', '/api/users'], ['POST', '/api/terminals'], ['GET', '/api/environments']] as const) {
        const res = await app.inject({ method, url, headers: { cookie }, ...(method === 'POST' ? { payload: { siteId: 'dev-lab', name: 'x' } } : {}) });
        expect([res.statusCode, res.json().code], url).toEqual([403, 'password_change_required']);
      }
      expect((await app.inject({ url: '/history', headers: { cookie } })).headers.location).toBe('/');
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json()).toMatchObject({ mustChangePassword: true });
      const change = await app.inject({ method: 'PUT', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: once, newPassword: 'a-new-password' } });
      expect(change.statusCode).toBe(204);
      expect((await app.inject({ url: '/api/processes', headers: { cookie } })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('expired sessions are refused and purged by the periodic job', async () => {
    const app = await testApp(backend, { sessionPurgeMs: 50 });
    try {
      const cookie = await login(app, 'admin', ADMIN_PASSWORD);
      const other = await login(app, 'admin', ADMIN_PASSWORD);
      await app.db.query(`UPDATE user_sessions SET expires_at = now() - interval '1 day' WHERE token_hash = (SELECT token_hash FROM user_sessions ORDER BY created_at LIMIT 1)`);
      const statuses = [(await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode, (await app.inject({ url: '/api/auth/me', headers: { cookie: other } })).statusCode];
      expect(statuses.sort()).toEqual([200, 401]);
      await expect.poll(async () => (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_sessions')).rows[0]!.n, { timeout: 5000 }).toBe(1);
    } finally {
      await app.close();
    }
  });

  describe('terminal tokens', () => {
    let app: VoicemanApp;
    let admin: string;
    beforeAll(async () => {
      app = await testApp(backend, { tokenPolicy: { lifetimeDays: 30, graceSeconds: 600 } });
      admin = await login(app, 'admin', ADMIN_PASSWORD);
    });
    afterAll(async () => app?.close());
    const machines = (token: string) => app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${token}` } });
    const register = async () => (await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: admin }, payload: { siteId: 'dev-lab', name: 'tok' } })).json();

    it('expire after the configured lifetime with 401 token_expired', async () => {
      const t = await register();
      expect(Date.parse(t.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
      expect((await machines(t.token)).statusCode).toBe(200);
      await app.db.query(`UPDATE terminals SET token_issued_at = now() - interval '31 days' WHERE id = $1`, [t.id]);
      app.terminalTokens.clear();
      const res = await machines(t.token);
      expect([res.statusCode, res.json().code]).toEqual([401, 'token_expired']);
      const listed = (await app.inject({ url: '/api/terminals', headers: { cookie: admin } })).json().find((x: { id: string }) => x.id === t.id);
      expect(Date.parse(listed.tokenExpiresAt)).toBeLessThan(Date.now());
    });

    it('a terminal rotates its token; the old one works for the grace period; a lost answer is recovered', async () => {
      const t = await register();
      const rotate = (token: string) => app.inject({ method: 'POST', url: '/api/terminal/v1/token', headers: { authorization: `Bearer ${token}` } });
      const first = (await rotate(t.token)).json();
      expect(first).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
      expect((await machines(first.token)).statusCode).toBe(200);
      expect((await machines(t.token)).statusCode).toBe(200);
      // The answer was lost: the terminal retries with the old token and gets another new one.
      const second = (await rotate(t.token)).json();
      expect((await machines(second.token)).statusCode).toBe(200);
      expect((await machines(first.token)).statusCode).toBe(401);
      expect((await machines(t.token)).statusCode).toBe(200);
      await app.db.query(`UPDATE terminals SET previous_token_until = now() - interval '1 second' WHERE id = $1`, [t.id]);
      app.terminalTokens.clear();
      expect((await machines(t.token)).json().code).toBe('token_expired');
      expect((await machines(second.token)).statusCode).toBe(200);
    });

    it('an admin rotation refuses the old token at once, though it was cached', async () => {
      const t = await register();
      expect((await machines(t.token)).statusCode).toBe(200);
      const res = await app.inject({ method: 'POST', url: `/api/terminals/${t.id}/token`, headers: { cookie: admin } });
      expect(res.statusCode).toBe(200);
      expect((await machines(t.token)).statusCode).toBe(401);
      expect((await machines(res.json().token)).statusCode).toBe(200);
      const graced = await app.inject({ method: 'POST', url: `/api/terminals/${t.id}/token`, headers: { cookie: admin }, payload: { graceSeconds: 60 } });
      expect((await machines(res.json().token)).statusCode).toBe(200);
      expect((await machines(graced.json().token)).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/terminals/nobody/token', headers: { cookie: admin } })).statusCode).toBe(404);
    });
  });
});

describe('login limits, cookies and headers', () => {
  let app: VoicemanApp;
  beforeAll(async () => {
    app = await testApp('pglite', { trustProxy: true, login: { loginPerIpPerMinute: 40, lockout: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 } } });
    await usersOfEveryRole(app);
  });
  afterAll(async () => app?.close());
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('locks a username after repeated wrong passwords: 429 with Retry-After, even for the right password', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 50; i++) answers.push((await tryLogin(app, 'admin', `wrong-${i}`, from('10.0.0.1'))).statusCode);
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(new Set(answers.slice(4))).toEqual(new Set([429]));
    const right = await tryLogin(app, 'admin', ADMIN_PASSWORD, from('10.0.0.2'));
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'login_locked', retryAfterSeconds: expect.any(Number) });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // Another user is not locked.
    expect((await tryLogin(app, 'designer', 'designer-password', from('10.0.0.2'))).statusCode).toBe(200);
  });

  it('limits login attempts per client IP (X-Forwarded-For behind a trusted proxy)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await tryLogin(app, `nobody-${i}`, 'x', from('10.9.9.9'))).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBe(5);
    const limited = await tryLogin(app, 'tester', 'tester-password', from('10.9.9.9'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await tryLogin(app, 'tester', 'tester-password', from('10.9.9.10'))).statusCode).toBe(200);
  });

  it('the session cookie is Secure when the request came over HTTPS (X-Forwarded-Proto from a trusted proxy)', async () => {
    const https = await tryLogin(app, 'tester', 'tester-password', { ...from('10.1.1.1'), 'x-forwarded-proto': 'https' });
    expect(https.cookies.find((c) => c.name === 'vm_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    const http = await tryLogin(app, 'tester', 'tester-password', from('10.1.1.1'));
    expect(http.cookies.find((c) => c.name === 'vm_session')?.secure).toBeUndefined();
    const untrusted = await testApp('pglite');
    try {
      const res = await tryLogin(untrusted, 'admin', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
      expect(res.cookies.find((c) => c.name === 'vm_session')?.secure).toBeUndefined();
    } finally {
      await untrusted.close();
    }
  });

  it('answers with security headers and a CSP that allows no inline script; the login page has none', async () => {
    const page = await app.inject('/login');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
    expect(page.body).toContain('<script src="/login.js"></script>');
    const script = await app.inject('/login.js');
    expect([script.statusCode, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await app.inject('/api/nothing')).headers['content-security-policy']).toBeDefined();
  });
});
