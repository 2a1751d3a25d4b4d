import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(BACKENDS)('shell releases and heartbeats on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  let terminal: { id: string; token: string };
  beforeAll(async () => {
    app = await testApp(backend, { shellReleaseMaxBytes: 64 * 1024 });
    admin = (await usersOfEveryRole(app)).admin;
    terminal = (await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: admin }, payload: { siteId: 'dev-lab', name: 'releases' } })).json();
  });
  afterAll(async () => app?.close());

  const bearer = () => ({ authorization: `Bearer ${terminal.token}` });
  const uploadJson = (kind: string, version: string, bytes: Buffer) =>
    app.inject({ method: 'POST', url: '/api/shell-releases', headers: { cookie: admin }, payload: { kind, version, base64: bytes.toString('base64') } });
  const uploadRaw = (kind: string, version: string, bytes: Buffer) =>
    app.inject({ method: 'POST', url: `/api/shell-releases?kind=${kind}&version=${version}`, headers: { cookie: admin, 'content-type': 'application/octet-stream' }, payload: bytes });
  const heartbeat = (extra: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: '/api/terminal/v1/heartbeat', headers: bearer(), payload: { shellVersion: '1.0.0', runtimeVersion: '0.1.0', machines: [], ...extra } });

  it('uploads as base64 JSON or raw bytes; the download is the same bytes and its sha256 is the one offered', async () => {
    const web = randomBytes(3000);
    const apk = randomBytes(5000);
    const a = await uploadJson('web', '1.2.0', web);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ kind: 'web', version: '1.2.0', size: 3000, sha256: sha(web), createdBy: 'admin' });
    const b = await uploadRaw('apk', '2.0.0', apk);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ kind: 'apk', version: '2.0.0', size: 5000, sha256: sha(apk) });

    const beat = await heartbeat({ webVersion: '1.1.9' });
    expect(beat.statusCode, beat.body).toBe(200);
    const offer = beat.json();
    expect(offer.update).toEqual({ webVersion: '1.2.0', url: a.json().url, sha256: sha(web), size: 3000 });
    expect(offer.apk).toEqual({ version: '2.0.0', url: b.json().url, sha256: sha(apk), size: 5000 });
    for (const [o, bytes] of [[offer.update, web], [offer.apk, apk]] as const) {
      const dl = await app.inject({ url: o.url, headers: bearer() });
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(bytes)).toBe(true);
      expect(sha(dl.rawPayload)).toBe(o.sha256);
      expect(dl.headers['x-sha256']).toBe(o.sha256);
    }
    expect((await app.inject({ url: offer.apk.url, headers: bearer() })).headers['content-type']).toBe('application/vnd.android.package-archive');
  });

  it('offers only a newer version (semver order, not text order), and nothing to a terminal that is current or sends no webVersion', async () => {
    for (const v of ['1.9.0', '1.10.0', '1.10.0-beta.1']) expect((await uploadJson('web', v, randomBytes(10))).statusCode).toBe(201);
    expect((await heartbeat({ webVersion: '1.9.5' })).json().update.webVersion).toBe('1.10.0');
    expect((await heartbeat({ webVersion: '1.10.0' })).json().update).toBeUndefined();
    expect((await heartbeat({ webVersion: 'dev-build' })).json().update).toBeUndefined();
    expect((await heartbeat()).json().update).toBeUndefined();
    expect((await heartbeat({ shellVersion: '2.0.0' })).json().apk).toBeUndefined();
    const listed = (await app.inject({ url: '/api/shell-releases', headers: { cookie: admin } })).json() as { kind: string; version: string }[];
    expect(listed.filter((r) => r.kind === 'web').map((r) => r.version)).toEqual(['1.10.0', '1.10.0-beta.1', '1.9.0', '1.2.0']);
  });

  it('refuses a repeated version (409), a non-semver version, bad base64, an empty or a too large build (413)', async () => {
    const again = await uploadJson('web', '1.2.0', randomBytes(5));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'release_exists' });
    expect((await uploadJson('web', 'one', randomBytes(5))).json()).toMatchObject({ code: 'invalid_version' });
    const badB64 = await app.inject({ method: 'POST', url: '/api/shell-releases', headers: { cookie: admin }, payload: { kind: 'web', version: '9.0.0', base64: 'not base64!' } });
    expect(badB64.statusCode).toBe(400);
    expect((await uploadRaw('web', '9.0.1', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await uploadRaw('web', '9.0.2', randomBytes(64 * 1024 + 1))).statusCode).toBe(413);
    expect((await uploadJson('web', '9.0.3', randomBytes(64 * 1024 + 1))).statusCode).toBe(413);
    const noQuery = await app.inject({ method: 'POST', url: '/api/shell-releases', headers: { cookie: admin, 'content-type': 'application/octet-stream' }, payload: randomBytes(5) });
    expect(noQuery.statusCode).toBe(400);
    expect(noQuery.json().message).toMatch(/kind and version/);
    expect((await app.inject({ url: '/api/terminal/v1/shell-releases/999999/download', headers: bearer() })).statusCode).toBe(404);
  });

  it('bytes changed in the database after upload are served with the sha256 recorded at upload: the terminal detects the difference', async () => {
    const bytes = randomBytes(100);
    const created = (await uploadJson('apk', '3.0.0', bytes)).json();
    await app.db.query("UPDATE shell_releases SET bytes = decode('deadbeef', 'hex') WHERE id = $1", [created.id]);
    const dl = await app.inject({ url: created.url, headers: bearer() });
    expect(dl.headers['x-sha256']).toBe(sha(bytes));
    expect(sha(dl.rawPayload)).not.toBe(dl.headers['x-sha256']);
  });

  it('stores what a heartbeat reports and shows it to admins; an old client body stays valid and clears the status', async () => {
    const status = {
      webVersion: '1.2.0',
      queue: { backlog: Number.MAX_SAFE_INTEGER, rejected: 3 },
      battery: { level: 41.5, charging: false },
      wifi: { connected: true, ssid: 'WH-5G', rssi: -67 },
      operatorId: 'op-17', processKey: 'case-picking', state: 'call/askQty',
      device: { model: 'TC52', android: '13' },
    };
    expect((await heartbeat(status)).statusCode).toBe(200);
    const listed = async () => (await app.inject({ url: '/api/terminals', headers: { cookie: admin } })).json().find((t: { id: string }) => t.id === terminal.id);
    expect(await listed()).toMatchObject({ ...status, shellVersion: '1.0.0' });
    expect((await heartbeat()).statusCode).toBe(200);
    const old = await listed();
    expect(old).toMatchObject({ webVersion: null, device: { model: 'TC52' } });
    expect(old.queue).toBeUndefined();
  });

  it('refuses heartbeat values out of range with 400 and keeps the last good report', async () => {
    await heartbeat({ queue: { backlog: 5, rejected: 0 } });
    for (const extra of [
      { queue: { backlog: Number.MAX_SAFE_INTEGER + 2, rejected: 0 } },
      { queue: { backlog: 1.5, rejected: 0 } },
      { battery: { level: 101 } },
      { wifi: { connected: 'yes' } },
      { operatorId: 'has space' },
      { state: 'x'.repeat(301) },
      { device: { ['bad key']: 'x' } },
      { surprise: true },
    ]) {
      const res = await heartbeat(extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().code).toBe('invalid_request');
    }
    const listed = (await app.inject({ url: '/api/terminals', headers: { cookie: admin } })).json().find((t: { id: string }) => t.id === terminal.id);
    expect(listed.queue).toEqual({ backlog: 5, rejected: 0 });
  });
});
