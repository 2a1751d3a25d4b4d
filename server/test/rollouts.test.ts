import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { ADMIN_PASSWORD, BACKENDS, login, testApp } from './backends.js';
import { caller, manualClock, publishVersions, served, servedVersion, terminalAt } from './deploy-helpers.js';

/** A whole session as a terminal logs it: heard `heard` utterances (`misses` of them matched nothing), then ended. */
function session(terminalId: string, operatorId: string, processKey: string, versionHash: string, end: 'done' | 'error', heard = 2, misses = 0, ms = 30_000) {
  const sessionId = `s-${randomUUID()}`;
  const t0 = Date.now();
  let seq = 0;
  const ev = (type: string, data: Record<string, unknown>, ts: number) => ({ id: randomUUID(), sessionId, seq: seq++, ts, terminalId, operatorId, processKey, versionHash, type, state: 'start', data });
  const events = [ev('session.start', { language: 'en', processKey }, t0)];
  for (let i = 0; i < heard; i++) {
    events.push(ev('hypothesis', { text: 'ready', confidence: 0.9 }, t0 + 1000 * (i + 1)));
    if (i < misses) events.push(ev('nomatch', { text: 'ready', confidence: 0.9, attempt: 1 }, t0 + 1000 * (i + 1) + 1));
  }
  events.push(ev('session.end', { status: end }, t0 + ms));
  return events;
}

describe.each(BACKENDS)('staged rollouts on %s', (backend) => {
  let app: VoicemanApp;
  let admin: ReturnType<typeof caller>;
  let adminCookie: string;
  const clock = manualClock();
  beforeAll(async () => {
    app = await testApp(backend, { rolloutWatch: { clock, intervalMs: 60_000 } });
    adminCookie = await login(app, 'admin', ADMIN_PASSWORD);
    admin = caller(app, adminCookie);
  });
  afterAll(async () => app?.close());

  const post = async (auth: Record<string, string>, events: unknown[]) => {
    const res = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth, payload: { events } });
    expect(res.json().rejected).toEqual([]);
  };

  it('serves the group its version, compares its figures, and rolls back by itself past a threshold', async () => {
    const [v1, v2] = await publishVersions(app, adminCookie, 'stage-pick', ['current', 'candidate']);
    await admin('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'stage-pick', versionNumber: v1 });
    const a = await terminalAt(app, adminCookie, 'pilot-dc-1');
    const b = await terminalAt(app, adminCookie, 'pilot-dc-1');
    const base = await served(app, a.auth, 'stage-pick'); // warms the site's cached rules
    expect(base?.versionNumber).toBe(v1);

    const started = await admin('POST', '/api/sites/pilot-dc-1/rollouts', {
      processKey: 'stage-pick', versionNumber: v2, terminalIds: [a.id], operatorIds: ['op-7'], thresholds: { errorRate: 0.2, minSessions: 3 },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    expect(started.body).toMatchObject({ state: 'active', baseVersion: v1, startedBy: 'admin' });
    // The group's terminal, and any terminal while a chosen operator is signed on, get v2; the rest keep v1.
    const candidate = await served(app, a.auth, 'stage-pick');
    expect(candidate?.versionNumber).toBe(v2);
    expect(await servedVersion(app, b.auth, 'stage-pick')).toBe(v1);
    expect(await servedVersion(app, b.auth, 'stage-pick', 'op-7')).toBe(v2);
    expect(await servedVersion(app, b.auth, 'stage-pick', 'op-1')).toBe(v1);
    const cell = (await admin('GET', '/api/deployments/matrix')).body.processes.find((p: { key: string }) => p.key === 'stage-pick').cells['pilot-dc-1'];
    expect(cell).toMatchObject({ versionNumber: v1, rollout: { id, versionNumber: v2 } });
    // One rollout per process and site at a time; the site's deployment waits for it.
    expect((await admin('POST', '/api/sites/pilot-dc-1/rollouts', { processKey: 'stage-pick', versionNumber: v2, operatorIds: ['op-9'] })).body.code).toBe('rollout_active');
    expect((await admin('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'stage-pick', versionNumber: v2 })).body.code).toBe('rollout_active');

    // The group ends 2 of 3 sessions in error and misses more; the rest of the site does well.
    await post(a.auth, [
      ...session(a.id, 'op-2', 'stage-pick', candidate!.hash, 'error', 2, 1),
      ...session(a.id, 'op-2', 'stage-pick', candidate!.hash, 'error', 2, 1),
      ...session(a.id, 'op-2', 'stage-pick', candidate!.hash, 'done', 2, 0, 60_000),
    ]);
    await post(b.auth, [
      ...session(b.id, 'op-1', 'stage-pick', base!.hash, 'done', 4, 1, 20_000),
      ...session(b.id, 'op-1', 'stage-pick', base!.hash, 'done', 4, 0, 40_000),
    ]);
    const watched = (await admin('GET', `/api/rollouts/${id}`)).body;
    expect(watched.figures.group).toMatchObject({ sessions: 3, ended: 3, errors: 2, hypotheses: 6, noMatches: 2, completed: 1, meanTaskMs: 60_000 });
    expect(watched.figures.group.errorRate).toBeCloseTo(2 / 3);
    expect(watched.figures.rest).toMatchObject({ sessions: 2, errors: 0, errorRate: 0, hypotheses: 8, noMatches: 1, meanTaskMs: 30_000 });
    expect(watched.figures.crossed).toMatch(/sessions ending in error 66\.7% against 0\.0%/);

    // The server's timer (a minute later on its clock) rolls it back as 'system'.
    clock.advance(60_000);
    await expect.poll(async () => (await admin('GET', `/api/rollouts/${id}`)).body.rollout.state, { timeout: 10_000 }).toBe('rolled_back');
    const ended = (await admin('GET', `/api/rollouts/${id}`)).body.rollout;
    expect(ended).toMatchObject({ endedBy: 'system', endReason: expect.stringMatching(/^automatic: sessions ending in error/) });
    expect((await app.repos.audit.list({ target: `(rollout ${id})` })).map((e) => [e.action, e.actor, (e.after as { state?: string }).state])).toEqual([
      ['rollout.rollback', 'system', 'rolled_back'], ['rollout.start', 'admin', undefined],
    ]);
    expect(await servedVersion(app, a.auth, 'stage-pick')).toBe(v1);
    expect(await servedVersion(app, b.auth, 'stage-pick', 'op-7')).toBe(v1);
    // A session that was running v2 still reports in after the rollback.
    await post(a.auth, session(a.id, 'op-2', 'stage-pick', candidate!.hash, 'done'));
  });

  it('promotes a rollout to the whole site; ended rollouts refuse another step', async () => {
    const [v1, v2] = await publishVersions(app, adminCookie, 'promo-pick', ['current', 'candidate']);
    await admin('POST', '/api/sites/pilot-dc-2/deployments', { processKey: 'promo-pick', versionNumber: v1 });
    const a = await terminalAt(app, adminCookie, 'pilot-dc-2');
    const b = await terminalAt(app, adminCookie, 'pilot-dc-2');
    expect((await admin('POST', '/api/sites/pilot-dc-2/rollouts', { processKey: 'promo-pick', versionNumber: v2 })).body.code).toBe('empty_group');
    expect((await admin('POST', '/api/sites/pilot-dc-2/rollouts', { processKey: 'promo-pick', versionNumber: v2, terminalIds: ['nope'] })).body.code).toBe('unknown_terminal');
    expect((await admin('POST', '/api/sites/pilot-dc-2/rollouts', { processKey: 'promo-pick', versionNumber: v1, terminalIds: [a.id] })).body.code).toBe('same_version');
    const { body: r } = await admin('POST', '/api/sites/pilot-dc-2/rollouts', { processKey: 'promo-pick', versionNumber: v2, terminalIds: [a.id] });
    expect([await servedVersion(app, a.auth, 'promo-pick'), await servedVersion(app, b.auth, 'promo-pick')]).toEqual([v2, v1]);
    // Without thresholds a check never rolls back.
    expect((await admin('POST', `/api/rollouts/${r.id}/check`)).body).toEqual({ rolloutId: r.id, crossed: null, rolledBack: false });

    const promoted = await admin('POST', `/api/rollouts/${r.id}/promote`);
    expect([promoted.status, promoted.body.state, promoted.body.endedBy]).toEqual([200, 'promoted', 'admin']);
    expect([await servedVersion(app, a.auth, 'promo-pick'), await servedVersion(app, b.auth, 'promo-pick')]).toEqual([v2, v2]);
    const again = await admin('POST', `/api/rollouts/${r.id}/rollback`);
    expect([again.status, again.body.code]).toEqual([409, 'rollout_ended']);
    const history = (await admin('GET', '/api/sites/pilot-dc-2/deployments/history?processKey=promo-pick')).body;
    expect(history.map((h: { kind: string; versionNumber: number }) => [h.kind, h.versionNumber])).toEqual([['promote', v2], ['deploy', v1]]);
    // The promotion is a deployment like any other: a rollback returns to v1 for everyone.
    await admin('POST', '/api/sites/pilot-dc-2/deployments/promo-pick/rollback', {});
    expect([await servedVersion(app, a.auth, 'promo-pick'), await servedVersion(app, b.auth, 'promo-pick')]).toEqual([v1, v1]);
    const list = (await admin('GET', '/api/sites/pilot-dc-2/rollouts?processKey=promo-pick')).body;
    expect(list.map((x: { id: number; state: string }) => [x.id, x.state])).toEqual([[r.id, 'promoted']]);
    expect((await app.repos.audit.list({ target: `(rollout ${r.id})` })).map((e) => [e.action, e.actor])).toEqual([['rollout.promote', 'admin'], ['rollout.start', 'admin']]);
  });
});
