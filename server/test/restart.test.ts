import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import { buildApp, type BuildOptions } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { ADMIN_PASSWORD, BACKENDS, freshPostgresDb, login, pgliteTemplate, type Backend } from './backends.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function persistentStorage(backend: Backend): Promise<BuildOptions> {
  if (backend === 'postgres') return { databaseUrl: await freshPostgresDb('restart') };
  const dir = await mkdtemp(join(tmpdir(), 'voiceman-pglite-'));
  dirs.push(dir);
  return { dataDir: dir, pgliteTemplate: await pgliteTemplate() };
}

describe.each(BACKENDS)('restart on %s', (backend) => {
  it('keeps users, sessions, drafts, versions, deployments and events across a restart', async () => {
    const storage = { ...(await persistentStorage(backend)), adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' };
    const first = await buildApp(storage);
    const cookie = await login(first, 'admin', ADMIN_PASSWORD);
    const seeded = await seedExamples(first.repos, first.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: 'http://127.0.0.1:4999' });
    expect(seeded.skipped).toEqual([]);
    expect(seeded.created.length).toBeGreaterThan(0);
    const key = seeded.created[0]!;
    // Reference tables are seeded before publishing: case-picking freezes short_reasons.
    const casePicking = (await first.inject({ url: '/api/processes/case-picking/versions/1', headers: { cookie } })).json();
    expect(casePicking.machine.meta.vm.reference.short_reasons.rows).toMatchObject({ damaged: 'DMG' });
    expect(casePicking.callees).toContainEqual({ processKey: 'sign-on', number: 1 });
    const terminal = (await first.inject({ method: 'POST', url: '/api/terminals', headers: { cookie }, payload: { siteId: 'dev-lab', name: 'r' } })).json();
    const { hash } = (await first.inject({ url: `/api/processes/${key}/versions/1`, headers: { cookie } })).json();
    const event = { id: randomUUID(), sessionId: 'r-1', seq: 0, ts: Date.now(), terminalId: terminal.id, operatorId: null, processKey: key, versionHash: hash, type: 'session.start', state: null, data: {} };
    const ingest = await first.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: { authorization: `Bearer ${terminal.token}` }, payload: { events: [event] } });
    expect(ingest.json().stored).toEqual([event.id]);
    await first.close();

    const second = await buildApp({ ...storage, pgliteTemplate: undefined });
    try {
      expect((await second.inject({ url: '/api/auth/me', headers: { cookie } })).json().username).toBe('admin');
      const processes = (await second.inject({ url: '/api/processes', headers: { cookie } })).json();
      expect(processes.map((p: { key: string }) => p.key).sort()).toEqual([...seeded.created].sort());
      expect(processes.every((p: { latestVersion: number }) => p.latestVersion === 1)).toBe(true);
      const machines = (await second.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${terminal.token}` } })).json();
      expect(machines.processes.map((p: { processKey: string }) => p.processKey).sort()).toEqual([...seeded.created].sort());
      const again = (await second.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: { authorization: `Bearer ${terminal.token}` }, payload: { events: [event] } })).json();
      expect(again.duplicates).toEqual([event.id]);
      // A second seeding finds processes and does nothing.
      expect((await seedExamples(second.repos, second.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() })).created).toEqual([]);
      expect(second.initialAdminPassword).toBeUndefined();
    } finally {
      await second.close();
    }
    // Boots the database twice (the second time from its files, as a restart does): generous limit.
  }, 120_000);
});

describe('first start', () => {
  it('creates admin with a one-time password when none is configured', async () => {
    const saved = process.env.VOICEMAN_ADMIN_PASSWORD;
    delete process.env.VOICEMAN_ADMIN_PASSWORD;
    const app = await buildApp({ dataDir: 'memory', pgliteTemplate: await pgliteTemplate(), designerDist: '/nonexistent' });
    try {
      expect(app.initialAdminPassword).toMatch(/^[\w-]{12,}$/);
      await login(app, 'admin', app.initialAdminPassword!);
    } finally {
      await app.close();
      if (saved !== undefined) process.env.VOICEMAN_ADMIN_PASSWORD = saved;
    }
  });
});
