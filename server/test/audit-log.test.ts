import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import { seedExamples } from '../src/seed.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

/** Issue #14: who did what, when and from where, kept where nobody can rewrite it. */
describe.each(BACKENDS)('the audit log on %s', (backend) => {
  let app: VoicemanApp;
  let c: Awaited<ReturnType<typeof usersOfEveryRole>>;
  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, remoteAddress: '10.1.2.3', ...(payload ? { payload } : {}) });
  beforeAll(async () => {
    app = await testApp(backend);
    c = await usersOfEveryRole(app);
  });
  afterAll(async () => app?.close());

  it('records logins, failed logins, publish, deploy and undeploy with who, where and what changed', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username: 'tester', password: 'wrong-one' } })).statusCode).toBe(401);
    await call(c.designer, 'POST', '/api/processes', { key: 'audited', name: 'Audited' });
    expect((await call(c.admin, 'POST', '/api/processes/audited/versions', { note: 'first', revision: 1 })).statusCode).toBe(201);
    expect((await call(c.admin, 'POST', '/api/processes/audited/versions', { note: 'again', revision: 1, allowSame: true })).statusCode).toBe(201);
    expect((await call(c.admin, 'POST', '/api/sites/dev-lab/deployments', { processKey: 'audited', versionNumber: 1 })).statusCode).toBe(201);
    expect((await call(c.admin, 'POST', '/api/sites/dev-lab/deployments', { processKey: 'audited', versionNumber: 2 })).statusCode).toBe(201);
    expect((await call(c.admin, 'DELETE', '/api/sites/dev-lab/deployments/audited')).statusCode).toBe(204);

    const failed = await app.repos.audit.list({ action: 'auth.login_failed' });
    expect(failed[0]).toMatchObject({ actor: 'tester', address: '10.9.9.9', target: 'tester' });
    expect((await app.repos.audit.list({ action: 'auth.login', actor: 'designer' })).length).toBe(1);

    const mine = await app.repos.audit.list({ target: 'audited' });
    expect(mine.map((e) => [e.action, e.target])).toEqual([
      ['deployment.undeploy', 'audited → dev-lab'],
      ['deployment.deploy', 'audited@2 → dev-lab'],
      ['deployment.deploy', 'audited@1 → dev-lab'],
      ['version.publish', 'audited@2'],
      ['version.publish', 'audited@1'],
    ]);
    expect(mine.every((e) => e.actor === 'admin' && e.address === '10.1.2.3')).toBe(true);
    expect(mine[1]).toMatchObject({ before: { versionNumber: 1 }, after: { versionNumber: 2 } });
    expect(mine[2]).toMatchObject({ before: null, after: { versionNumber: 1 } });
  });

  it('does not record a change that was refused', async () => {
    const before = (await app.repos.audit.list({ action: 'deployment.deploy' })).length;
    expect((await call(c.admin, 'POST', '/api/sites/dev-lab/deployments', { processKey: 'no-such', versionNumber: 1 })).statusCode).toBe(404);
    expect((await call(c.designer, 'POST', '/api/sites/dev-lab/deployments', { processKey: 'audited', versionNumber: 1 })).statusCode).toBe(403);
    expect((await app.repos.audit.list({ action: 'deployment.deploy' })).length).toBe(before);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await app.repos.audit.record({ actor: 'someone', action: 'test.entry', target: 'nul \0 in target', after: { text: 'a\u0000b', lone: '\ud800' } });
    const [entry] = await app.repos.audit.list({ action: 'test.entry' });
    expect(entry).toMatchObject({ actor: 'someone', target: 'nul \uFFFD in target' });
    await expect(app.db.query("UPDATE audit_log SET actor = 'nobody' WHERE action = 'test.entry'")).rejects.toThrow(/append-only/);
    await expect(app.db.query("DELETE FROM audit_log WHERE action = 'test.entry'")).rejects.toThrow(/append-only/);
    await expect(app.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await app.repos.audit.list({ action: 'test.entry' }))[0]).toMatchObject({ actor: 'someone' });
  });

  it('names the server as who published and deployed the seeded examples', async () => {
    const seeded = await testApp(backend);
    try {
      await seedExamples(seeded.repos, seeded.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: 'http://127.0.0.1:4010' });
      const entries = await seeded.repos.audit.list({ actor: 'system' });
      expect(entries.filter((e) => e.action === 'version.publish').map((e) => e.target).sort()).toEqual(['case-picking@1', 'cycle-count@1', 'putaway@1', 'replenishment@1', 'sign-on@1']);
      expect(entries.filter((e) => e.action === 'deployment.deploy').length).toBe(5);
    } finally {
      await seeded.close();
    }
  });
});
