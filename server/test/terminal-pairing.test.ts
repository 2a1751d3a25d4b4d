import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { PAIRING_ALPHABET } from '../src/repositories/pairing.js';
import { hashToken } from '../src/auth/password.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

describe.each(BACKENDS)('pairing a terminal on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  beforeAll(async () => {
    app = await testApp(backend);
    admin = (await usersOfEveryRole(app)).admin;
  });
  afterAll(async () => app?.close());

  const newCode = async (siteId = 'pilot-dc-1', name = 'Scanner 7') => {
    const res = await app.inject({ method: 'POST', url: '/api/terminals/pairing-codes', headers: { cookie: admin, host: 'voiceman.example:8080' }, payload: { siteId, name } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { code: string; expiresAt: string; qr: string; pairUrl: string };
  };
  const pair = (code: string, device?: Record<string, string>) => app.inject({ method: 'POST', url: '/api/terminal/v1/pair', payload: { code, ...(device ? { device } : {}) } });

  it('an admin gets an 8-character code from the unambiguous alphabet, a 15-minute expiry and a QR of the pairing URL', async () => {
    const before = Date.now();
    const { code, expiresAt, qr, pairUrl } = await newCode();
    expect(code).toMatch(new RegExp(`^[${PAIRING_ALPHABET}]{8}$`));
    expect(code).not.toMatch(/[01ILOU]/);
    const ttl = Date.parse(expiresAt) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    expect(pairUrl).toBe(`http://voiceman.example:8080/terminal/?pair=${code}`);
    expect(qr).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(qr).toContain('<path');
    // Only the hash is stored.
    const { rows } = await app.db.query<{ code_hash: string }>('SELECT code_hash FROM terminal_pairing_codes');
    expect(rows.map((r) => r.code_hash)).toContain(hashToken(code));
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('a device redeems the code once for a token of that site; the terminal carries the given name and device', async () => {
    const { code } = await newCode('pilot-dc-1', 'Scanner 8');
    const res = await pair(code.toLowerCase().replace(/(.{4})/, '$1-'), { model: 'TC52', android: '13' });
    expect(res.statusCode, res.body).toBe(200);
    const paired = res.json();
    expect(paired).toMatchObject({ terminalId: expect.any(String), token: expect.any(String), expiresAt: expect.any(String), site: { id: 'pilot-dc-1', name: expect.any(String), environment: 'production' } });
    const machines = await app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${paired.token}` } });
    expect(machines.json().site.id).toBe('pilot-dc-1');
    const listed = (await app.inject({ url: '/api/terminals', headers: { cookie: admin } })).json().find((t: { id: string }) => t.id === paired.terminalId);
    expect(listed).toMatchObject({ name: 'Scanner 8', siteId: 'pilot-dc-1', device: { model: 'TC52', android: '13' } });

    const again = await pair(code);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'pairing_code_used' });
  });

  it('a wrong code is 404, an expired one 410; neither creates a terminal', async () => {
    const count = async () => (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM terminals')).rows[0]!.n;
    const before = await count();
    const wrong = await pair('ZZZZZZZZ');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toMatchObject({ code: 'pairing_code_unknown', message: expect.stringMatching(/ask an administrator/) });
    const { code } = await newCode();
    await app.db.query("UPDATE terminal_pairing_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1", [hashToken(code)]);
    const expired = await pair(code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'pairing_code_expired', message: expect.stringMatching(/15 minutes/) });
    expect(await count()).toBe(before);
  });

  it('the same code redeemed twice at once pairs exactly one terminal', async () => {
    const { code } = await newCode();
    const answers = await Promise.all([pair(code), pair(code), pair(code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('a code for an unknown site is refused at creation; bad bodies are 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/terminals/pairing-codes', headers: { cookie: admin }, payload: { siteId: 'no-such-site', name: 'x' } });
    expect(res.statusCode).toBe(404);
    for (const payload of [{}, { code: 'A'.repeat(33) }, { code: 'ABCDEFGH', device: { model: 'x'.repeat(201) } }, { code: 'ABCDEFGH', extra: 1 }]) {
      const bad = await app.inject({ method: 'POST', url: '/api/terminal/v1/pair', payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().code).toBe('invalid_request');
    }
  });
});

describe('pairing is rate-limited per address', () => {
  let app: VoicemanApp;
  beforeAll(async () => {
    app = await testApp('pglite', { pairing: { pairRateLimit: { max: 3, timeWindowMs: 60_000 } } });
  });
  afterAll(async () => app?.close());

  it('the attempt after the limit gets 429 with a clear message; another address is not affected', async () => {
    const from = (ip: string) => app.inject({ method: 'POST', url: '/api/terminal/v1/pair', remoteAddress: ip, payload: { code: 'WRONGONE' } });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).statusCode).toBe(404);
    const limited = await from('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/too many pairing attempts/) });
    expect((await from('10.0.0.2')).statusCode).toBe(404);
  });
});

describe('characters PostgreSQL cannot store are a 400, not a crash', () => {
  let app: VoicemanApp;
  let admin: string;
  let token: string;
  beforeAll(async () => {
    app = await testApp('pglite');
    admin = (await usersOfEveryRole(app)).admin;
    token = (await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: admin }, payload: { siteId: 'dev-lab', name: 'chars' } })).json().token;
  });
  afterAll(async () => app?.close());

  // JSON text written by hand: JSON.stringify would escape a lone surrogate the same way.
  const json = (value: string) => `"${value}"`;
  it.each([
    ['NUL', '\\u0000'],
    ['a lone high surrogate', '\\ud800'],
    ['a lone low surrogate', '\\udc00'],
    ['a newline', '\\n'],
  ])('%s in a terminal name, a pairing code, a device field or a heartbeat state', async (_what, escaped) => {
    const bodies: [string, string, Record<string, string>][] = [
      ['/api/terminals/pairing-codes', `{"siteId":"dev-lab","name":${json(`x${escaped}`)}}`, { cookie: admin }],
      ['/api/terminals', `{"siteId":"dev-lab","name":${json(`x${escaped}`)}}`, { cookie: admin }],
      ['/api/terminal/v1/pair', `{"code":${json(`ABCD${escaped}`)}}`, {}],
      ['/api/terminal/v1/pair', `{"code":"ABCDEFGH","device":{"model":${json(`x${escaped}`)}}}`, {}],
      ['/api/terminal/v1/heartbeat', `{"shellVersion":"1","runtimeVersion":"1","machines":[],"state":${json(`s${escaped}`)}}`, { authorization: `Bearer ${token}` }],
    ];
    for (const [url, payload, headers] of bodies) {
      const res = await app.inject({ method: 'POST', url, payload, headers: { ...headers, 'content-type': 'application/json' } });
      expect(res.statusCode, `${url} ${payload}`).toBe(400);
      // NUL and lone surrogates: the input guard, before validation; other control characters: the schema.
      expect(['invalid_characters', 'invalid_request']).toContain(res.json().code);
    }
  });

  it('paired surrogates (an emoji) and non-Latin letters are fine', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/terminals/pairing-codes', headers: { cookie: admin }, payload: { siteId: 'dev-lab', name: 'Сканер 🔊 7' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('Сканер 🔊 7');
  });
});
