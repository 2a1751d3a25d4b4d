import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/build.js';
import { openDb } from '../src/db/open.js';
import { retentionJob } from '../src/retention.js';
import { ADMIN_PASSWORD, deployedTerminal, login, pgliteTemplate } from './backends.js';

describe('healthz and the retention job', () => {
  it('healthz is 503 JSON when the database does not answer', async () => {
    const db = await openDb({ dataDir: 'memory', pgliteTemplate: await pgliteTemplate() });
    const app = await buildApp({ db, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
    try {
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      await db.close();
      const res = await app.inject('/healthz');
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('database_unreachable');
    } finally {
      await app.close();
    }
  });

  it('the scheduled job drops partitions older than its months and logs what it dropped', async () => {
    const db = await openDb({ dataDir: 'memory', pgliteTemplate: await pgliteTemplate() });
    const app = await buildApp({ db, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
    try {
      const old = new Date();
      old.setUTCMonth(old.getUTCMonth() - 14);
      await app.repos.events.ingest('dev-lab', [
        { id: randomUUID(), sessionId: 'old', seq: 0, ts: old.getTime(), terminalId: 't', operatorId: null, processKey: 'p', versionHash: 'h', type: 'prompt', state: null, data: {} },
        { id: randomUUID(), sessionId: 'new', seq: 0, ts: Date.now(), terminalId: 't', operatorId: null, processKey: 'p', versionHash: 'h', type: 'prompt', state: null, data: {} },
      ]);
      expect(await app.repos.events.partitions()).toHaveLength(2);
      const logged: unknown[] = [];
      const log = { info: (o: unknown) => logged.push(o), error: (e: unknown) => logged.push(e) } as never;
      const job = retentionJob(app.repos.events, 12, 3600_000, log);
      await job.run();
      job.stop();
      expect(await app.repos.events.partitions()).toHaveLength(1);
      expect(logged).toContainEqual({ dropped: [expect.stringMatching(/^dialog_events_p\d{6}$/)] });
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('ingest refuses an event older than the retention window (expired), so a re-send cannot undo a drop', async () => {
    const app = await buildApp({ dataDir: 'memory', pgliteTemplate: await pgliteTemplate(), adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent', retention: { months: 12, intervalMs: 3600_000 } });
    try {
      const cookie = await login(app, 'admin', ADMIN_PASSWORD);
      const t = await deployedTerminal(app, cookie);
      const old = new Date();
      old.setUTCMonth(old.getUTCMonth() - 14);
      const ev = (sessionId: string, ts: number) => ({ id: randomUUID(), sessionId, seq: 0, ts, terminalId: t.id, operatorId: null, processKey: t.processKey, versionHash: t.versionHash, type: 'prompt', state: null, data: {} });
      const [stale, fresh] = [ev('old', old.getTime()), ev('new', Date.now())];
      const res = (await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: { authorization: `Bearer ${t.token}` }, payload: { events: [stale, fresh] } })).json();
      expect(res.stored).toEqual([fresh.id]);
      expect(res.rejected).toEqual([expect.objectContaining({ id: stale.id, code: 'expired' })]);
      expect(await app.repos.events.partitions()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
