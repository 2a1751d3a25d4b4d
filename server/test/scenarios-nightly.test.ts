import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioRunReport } from '../src/api-types.js';
import { buildApp, type VoicemanApp } from '../src/build.js';
import type { SchedulerClock } from '../src/scenarios/nightly.js';
import { ADMIN_PASSWORD, freshPostgresDb, login, usersOfEveryRole } from './backends.js';
import { caller, exampleScenarios, finished, seed, type Call } from './scenario-helpers.js';

/** A clock the test moves by hand: timers fire when `advanceTo` passes their time. */
function manualClock(start: string) {
  let now = Date.parse(start);
  const timers = new Set<{ at: number; fn: () => void }>();
  const clock: SchedulerClock & { advanceTo(iso: string): void } = {
    now: () => now,
    setTimer(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advanceTo(iso) {
      now = Date.parse(iso);
      for (const t of [...timers].filter((x) => x.at <= now)) {
        timers.delete(t);
        t.fn();
      }
    },
  };
  return clock;
}

/** Every run of the nightly job reports on PostgreSQL, from whichever server asks. */
describe('nightly scenario runs on PostgreSQL', () => {
  let databaseUrl: string;
  const apps: VoicemanApp[] = [];
  const clocks = [manualClock('2026-12-03T01:58:00Z'), manualClock('2026-12-03T01:59:30Z')];
  let call: Call;
  const boot = (i: number) => buildApp({ databaseUrl, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent', nightly: { at: '02:00', clock: clocks[i], instance: `server-${i}` } });
  beforeAll(async () => {
    databaseUrl = await freshPostgresDb('nightly');
    apps.push(await boot(0));
    const users = await usersOfEveryRole(apps[0]!);
    call = caller(apps[0]!, users.admin);
    await seed(apps[0]!);
    await call('POST', '/api/processes/case-picking/scenarios/import', { scenarios: exampleScenarios('case-picking') });
    await call('POST', '/api/processes/sign-on/scenarios/import', { scenarios: exampleScenarios('sign-on') });
    // A second server on the same database, its clock a little ahead.
    apps.push(await boot(1));
  }, 120_000);
  afterAll(async () => Promise.all(apps.map((a) => a.close())));

  async function allDone(ids: string[]): Promise<ScenarioRunReport[]> {
    const out: ScenarioRunReport[] = [];
    for (const id of ids) out.push((await finished(call, id, 120_000)).report);
    return out;
  }

  it('two servers on one database: at 02:00 exactly one runs every process against its draft and deployed version, and the results survive a restart', async () => {
    // Both timers fire in the same moment; both servers try to claim the night.
    clocks[0]!.advanceTo('2026-12-03T02:00:00Z');
    clocks[1]!.advanceTo('2026-12-03T02:00:00Z');
    const fired = await Promise.all(apps.map((a) => a.nightly!.lastFiring()));
    expect(fired.map((ids) => ids.length).sort()).toEqual([0, 4]);
    // case-picking and sign-on, each on its draft and version 1 (deployed at dev-lab).
    const reports = await allDone(fired.find((ids) => ids.length > 0)!);
    expect(reports.map((r) => [r.processKey, r.target, r.trigger, r.status, r.failed])).toEqual([
      ['case-picking', 'draft', 'nightly', 'done', 0], ['case-picking', 1, 'nightly', 'done', 0],
      ['sign-on', 'draft', 'nightly', 'done', 0], ['sign-on', 1, 'nightly', 'done', 0],
    ]);
    expect(reports[0]!.passed).toBe(exampleScenarios('case-picking').length);
    expect(reports.every((r) => r.startedBy === null && r.coverage !== null)).toBe(true);

    // Both servers stop; a new one on the same database has every result.
    await Promise.all(apps.splice(0).map((a) => a.close()));
    const restarted = await buildApp({ databaseUrl, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
    apps.push(restarted);
    call = caller(restarted, await login(restarted, 'admin', ADMIN_PASSWORD));
    for (const r of reports) expect((await call('GET', `/api/scenario-runs/${r.id}`)).json()).toEqual(r);
    const list = (await call('GET', '/api/processes')).json() as { key: string; lastScenarioRun: { id: string } | null }[];
    expect(list.find((p) => p.key === 'case-picking')!.lastScenarioRun!.id).toBe(reports[0]!.id);
  }, 180_000);

  it('an admin starts the nightly job now; the next night the scheduler fires again', async () => {
    // A server restarted a minute before the night that was already run.
    const clock = manualClock('2026-12-03T01:59:00Z');
    const app = await buildApp({ databaseUrl, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent', nightly: { at: '02:00', clock, instance: 'server-again' } });
    apps.push(app);
    const admin = caller(app, await login(app, 'admin', ADMIN_PASSWORD));
    const res = await admin('POST', '/api/scenario-runs/nightly');
    expect(res.statusCode).toBe(202);
    const reports = await allDone(res.json().ids);
    expect(reports.map((r) => [r.processKey, r.target, r.trigger, r.startedBy])).toEqual([
      ['case-picking', 'draft', 'nightly', 'admin'], ['case-picking', 1, 'nightly', 'admin'], ['sign-on', 'draft', 'nightly', 'admin'], ['sign-on', 1, 'nightly', 'admin'],
    ]);
    // Its timer fires for the night the first test's server took: not run twice. The next night is.
    clock.advanceTo('2026-12-03T02:00:00Z');
    expect(await app.nightly!.lastFiring()).toEqual([]);
    const claims = (await app.db.query<{ claimed_by: string }>(`SELECT claimed_by FROM scenario_nightly_slots WHERE slot = '2026-12-03'`)).rows;
    expect(claims.map((c) => c.claimed_by)).toEqual([expect.stringMatching(/^server-[01]$/)]);
    clock.advanceTo('2026-12-04T02:00:00Z');
    const next = await app.nightly!.lastFiring();
    expect(next).toHaveLength(4);
    await allDone(next);
  }, 180_000);

  it('a server that stops mid-job leaves no run "running": what it did not finish says why, and a silent run reads as failed', async () => {
    const app = await buildApp({ databaseUrl, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
    const admin = caller(app, await login(app, 'admin', ADMIN_PASSWORD));
    const ids = (await admin('POST', '/api/scenario-runs/nightly')).json().ids as string[];
    expect(ids).toHaveLength(4);
    await app.close();

    const next = await buildApp({ databaseUrl, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
    apps.push(next);
    call = caller(next, await login(next, 'admin', ADMIN_PASSWORD));
    const reports = await Promise.all(ids.map(async (id) => (await call('GET', `/api/scenario-runs/${id}`)).json() as ScenarioRunReport));
    expect(reports.map((r) => r.status)).not.toContain('running');
    expect(reports[3]).toMatchObject({ status: 'failed', error: 'the server stopped during the run', done: 0 });

    // A run whose server died without a word (no progress for 10 minutes) reads as failed.
    await next.db.query(`UPDATE scenario_runs SET status = 'running', finished_at = NULL, updated_at = now() - interval '11 minutes' WHERE id = $1`, [ids[3]]);
    expect((await call('GET', `/api/scenario-runs/${ids[3]}`)).json()).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped making progress') });
    await next.db.query(`UPDATE scenario_runs SET updated_at = now() WHERE id = $1`, [ids[3]]);
    expect((await call('GET', `/api/scenario-runs/${ids[3]}`)).json().status).toBe('running');
  }, 120_000);

  it('the nightly trigger is for admins only', async () => {
    const app = apps[apps.length - 1]!;
    const [tester, designer] = [await login(app, 'tester', 'tester-password'), await login(app, 'designer', 'designer-password')];
    for (const cookie of [tester, designer]) {
      const res = await app.inject({ method: 'POST', url: '/api/scenario-runs/nightly', headers: { cookie } });
      expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
    }
  });
});
