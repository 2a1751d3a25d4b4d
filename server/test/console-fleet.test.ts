import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { standingOf } from '../src/repositories/fleet.js';
import { ADMIN_PASSWORD, BACKENDS, login, testApp } from './backends.js';

describe('standingOf', () => {
  const deployed = new Map([['pick', { versionNumber: 3, hash: 'h3' }]]);
  const versions = new Map([['pick\nh2', 2], ['pick\nh3', 3], ['pick\nh4', 4]]);
  it.each([
    ['h3', 'current', 3], ['h2', 'older', 2], ['h4', 'newer', 4], ['zz', 'unknown', null],
  ] as const)('hash %s is %s', (hash, standing, versionNumber) => {
    expect(standingOf({ processKey: 'pick', hash }, deployed, versions)).toEqual({ processKey: 'pick', hash, versionNumber, deployedVersion: 3, standing });
  });
  it('a process the site does not deploy', () => {
    expect(standingOf({ processKey: 'other', hash: 'h3' }, deployed, versions).standing).toBe('not-deployed');
  });
});

describe.each(BACKENDS)('terminal fleet on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  const hashes: string[] = [];
  beforeAll(async () => {
    app = await testApp(backend);
    admin = await login(app, 'admin', ADMIN_PASSWORD);
    // fleet-a: versions 1 and 2, version 2 deployed to test-lab.
    const graph = starterGraph('fleet-a', 'Fleet A');
    expect((await call('POST', '/api/processes', { key: 'fleet-a', name: 'Fleet A', graph })).statusCode).toBe(201);
    expect((await call('POST', '/api/processes/fleet-a/versions', { revision: 1 })).statusCode).toBe(201);
    // The name is in the machine: a new name, a new hash.
    const renamed = await call('PATCH', '/api/processes/fleet-a', { name: 'Fleet A two' });
    expect((await call('POST', '/api/processes/fleet-a/versions', { revision: renamed.json().revision })).statusCode).toBe(201);
    for (const v of [1, 2]) hashes.push((await call('GET', `/api/processes/fleet-a/versions/${v}`)).json().hash);
    expect((await call('POST', '/api/sites/test-lab/deployments', { processKey: 'fleet-a', versionNumber: 2 })).statusCode).toBe(201);
  });
  afterAll(async () => app?.close());

  function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return app.inject({ method, url, headers: { cookie: admin }, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  const register = async (name: string) => (await call('POST', '/api/terminals', { siteId: 'test-lab', name })).json() as { id: string; token: string };
  const heartbeat = (token: string, body: object) => app.inject({ method: 'POST', url: '/api/terminal/v1/heartbeat', headers: { authorization: `Bearer ${token}` }, payload: body });
  const site = async () => (await call('GET', '/api/fleet?siteId=test-lab')).json()[0];

  it('shows per site what each terminal runs against the deployment: an older machine is version skew', async () => {
    const behind = await register('behind');
    const current = await register('current');
    const silent = await register('silent');
    expect((await heartbeat(behind.token, {
      shellVersion: '1.4.0', webVersion: '2.0.1', runtimeVersion: '0.9.0', machines: [{ processKey: 'fleet-a', hash: hashes[0] }],
      queue: { backlog: 17, rejected: 1 }, battery: { level: 23, charging: false }, operatorId: 'op-7', processKey: 'fleet-a', state: 'pick.confirm',
    })).statusCode).toBe(200);
    // An old client: versions and machines only; still accepted and listed.
    expect((await heartbeat(current.token, { shellVersion: '1.3.0', runtimeVersion: '0.8.0', machines: [{ processKey: 'fleet-a', hash: hashes[1] }] })).statusCode).toBe(200);

    const s = await site();
    expect(s).toMatchObject({ id: 'test-lab', environment: 'test', deployments: [{ processKey: 'fleet-a', versionNumber: 2, hash: hashes[1] }] });
    const byName = Object.fromEntries(s.terminals.map((t: { name: string }) => [t.name, t]));
    expect(byName.behind).toMatchObject({
      skew: true, shellVersion: '1.4.0', webVersion: '2.0.1', runtimeVersion: '0.9.0', lastSeenAt: expect.any(String),
      machines: [{ processKey: 'fleet-a', hash: hashes[0], versionNumber: 1, deployedVersion: 2, standing: 'older' }],
      queue: { backlog: 17, rejected: 1 }, battery: { level: 23, charging: false }, operatorId: 'op-7', processKey: 'fleet-a', state: 'pick.confirm', missing: [],
    });
    expect(byName.current).toMatchObject({ skew: false, webVersion: null, machines: [{ standing: 'current', versionNumber: 2 }], missing: [] });
    expect(byName.current.battery).toBeUndefined();
    expect(byName.silent).toMatchObject({ lastSeenAt: null, machines: [], missing: [], skew: false });

    // A heartbeat that reports nothing of a deployed process: it is named as missing.
    await heartbeat(silent.token, { shellVersion: '1.4.0', runtimeVersion: '0.9.0', machines: [] });
    expect((await site()).terminals.find((t: { id: string }) => t.id === silent.id).missing).toEqual(['fleet-a']);
  });

  it('renames a terminal (audited); the terminal keeps working under its new name', async () => {
    const t = await register('old name');
    const res = await call('PATCH', `/api/terminals/${t.id}`, { name: 'Aisle 4 headset' });
    expect(res.json()).toEqual({ id: t.id, name: 'Aisle 4 headset' });
    expect((await site()).terminals.map((x: { name: string }) => x.name)).toContain('Aisle 4 headset');
    expect((await heartbeat(t.token, { shellVersion: '1', runtimeVersion: '1', machines: [] })).statusCode).toBe(200);
    const audited = await app.repos.audit.list({ action: 'terminal.rename', target: t.id });
    expect(audited.map((e) => [e.actor, e.before, e.after])).toEqual([['admin', { name: 'old name' }, { name: 'Aisle 4 headset' }]]);
  });

  it('register by pairing code shows a QR of the pairing URL; revoking is audited and the token stops at once', async () => {
    const code = await call('POST', '/api/terminals/pairing-codes', { siteId: 'test-lab', name: 'paired' });
    expect(code.json()).toMatchObject({ code: expect.stringMatching(/^[2-9A-Z]{8}$/), qr: expect.stringContaining('<svg'), pairUrl: expect.stringContaining('/terminal/?pair=') });
    const paired = (await app.inject({ method: 'POST', url: '/api/terminal/v1/pair', payload: { code: code.json().code } })).json();
    expect((await site()).terminals.map((x: { id: string }) => x.id)).toContain(paired.terminalId);
    expect((await call('DELETE', `/api/terminals/${paired.terminalId}`)).statusCode).toBe(204);
    expect((await heartbeat(paired.token, { shellVersion: '1', runtimeVersion: '1', machines: [] })).statusCode).toBe(401);
    expect((await site()).terminals.map((x: { id: string }) => x.id)).not.toContain(paired.terminalId);
    expect(await app.repos.audit.list({ action: 'terminal.revoke', target: paired.terminalId })).toHaveLength(1);
  });

  it('bad input: unknown site or terminal, names with control characters, huge names', async () => {
    expect((await call('GET', '/api/fleet?siteId=nowhere')).json()).toMatchObject({ code: 'not_found', message: 'site nowhere not found' });
    expect((await call('GET', '/api/fleet?siteId=NOT_A_SITE')).statusCode).toBe(400);
    expect((await call('PATCH', '/api/terminals/nobody', { name: 'x' })).statusCode).toBe(404);
    const t = await register('plain');
    expect((await call('PATCH', `/api/terminals/${t.id}`, { name: 'two\nlines' })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/terminals/${t.id}`, { name: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await call('PATCH', `/api/terminals/${t.id}`, { name: 'nul\u0000' })).json().code).toBe('invalid_characters');
    expect((await call('PATCH', `/api/terminals/${t.id}`, { name: '' })).statusCode).toBe(400);
  });
});
