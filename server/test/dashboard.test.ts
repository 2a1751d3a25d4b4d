import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';
import { T0, sessionA, sessionB, sessionC, sessionD, sessionE } from './dashboard-events.js';

const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

describe.each(BACKENDS)('dashboard figures on %s', (backend) => {
  let app: VoicemanApp;
  let tester: string;
  const get = async (url: string) => app.inject({ method: 'GET', url, headers: { cookie: tester } });

  beforeAll(async () => {
    app = await testApp(backend);
    ({ tester } = await usersOfEveryRole(app));
    // Batches out of order, as terminals deliver them: the figures must not depend on it.
    await app.repos.events.ingest('dev-lab', [...sessionC, ...sessionA.slice(5)]);
    await app.repos.events.ingest('dev-lab', [...sessionA.slice(0, 5), ...sessionB, ...sessionD]);
    await app.repos.events.ingest('pilot-dc-1', sessionE);
  });
  afterAll(async () => app?.close());

  it("per hour for one process at one site: sessions, completion, task time, no-match, repeat and WMS error rates", async () => {
    const res = await get(`/api/dashboard/summary?siteId=dev-lab&processKey=picking&from=${iso(T0)}&to=${iso(T0 + 2 * H)}&bucket=hour`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.buckets).toEqual([
      {
        at: iso(T0), sessions: 2, sessionsPerHour: 2, completed: 1, failed: 1, completionRate: 0.5, meanTaskMs: 20_000,
        answers: 5, noMatches: 1, repeats: 1, noMatchRate: 0.2, repeatRate: 0.2, wmsRequests: 3, wmsErrors: 2, wmsErrorRate: 2 / 3,
      },
      {
        at: iso(T0 + H), sessions: 1, sessionsPerHour: 1, completed: 1, failed: 0, completionRate: 1, meanTaskMs: 30 * 60_000 + 7_000,
        answers: 2, noMatches: 0, repeats: 0, noMatchRate: 0, repeatRate: 0, wmsRequests: 0, wmsErrors: 0, wmsErrorRate: null,
      },
    ]);
    expect(body.totals).toMatchObject({ sessions: 3, sessionsPerHour: 1.5, completionRate: 2 / 3, meanTaskMs: (20_000 + 1_807_000) / 2, noMatchRate: 1 / 7, repeatRate: 1 / 7, wmsErrorRate: 2 / 3 });
  });

  it('all processes of a site per day; another site and an empty day count nothing', async () => {
    const day = Date.parse('2026-11-02T00:00:00Z');
    const all = (await get(`/api/dashboard/summary?siteId=dev-lab&from=${iso(day)}&to=${iso(day + 48 * H)}&bucket=day`)).json();
    expect(all.buckets.map((b: { at: string; sessions: number; answers: number; noMatches: number }) => [b.at, b.sessions, b.answers, b.noMatches]))
      .toEqual([[iso(day), 4, 8, 2], [iso(day + 24 * H), 0, 0, 0]]);
    expect(all.buckets[1]).toMatchObject({ completionRate: null, meanTaskMs: null, noMatchRate: null });
    const other = (await get(`/api/dashboard/summary?siteId=pilot-dc-1&processKey=picking&from=${iso(T0)}&to=${iso(T0 + H)}`)).json();
    expect(other.totals).toMatchObject({ sessions: 1, answers: 1, noMatches: 1, noMatchRate: 1, completionRate: null });
  });

  it('per node: no-match and repeat rates, prompt-to-answer and answer-to-next-prompt; a pause is no wait', async () => {
    const res = await get(`/api/dashboard/nodes?processKey=picking&siteId=dev-lab&from=${iso(T0)}&to=${iso(T0 + 2 * H)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().nodes).toEqual([
      { state: 'loc', answers: 3, noMatches: 0, repeats: 0, noMatchRate: 0, repeatRate: 0, promptToAnswerMs: 3000, answerToNextPromptMs: 1500 },
      { state: 'qty', answers: 4, noMatches: 1, repeats: 1, noMatchRate: 0.25, repeatRate: 0.25, promptToAnswerMs: 2125, answerToNextPromptMs: null },
    ]);
    const everywhere = (await get(`/api/dashboard/nodes?processKey=picking&from=${iso(T0)}&to=${iso(T0 + 2 * H)}`)).json();
    expect(everywhere.nodes[0]).toMatchObject({ state: 'loc', answers: 4, noMatches: 1, noMatchRate: 0.25, promptToAnswerMs: 4000 });
  });

  it('refuses a reversed or too long period and an unknown bucket, by name', async () => {
    const reversed = await get(`/api/dashboard/summary?siteId=dev-lab&from=${iso(T0)}&to=${iso(T0)}`);
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, 'invalid_period']);
    const long = await get(`/api/dashboard/summary?siteId=dev-lab&from=${iso(T0)}&to=${iso(T0 + 100 * 24 * H)}&bucket=hour`);
    expect([long.statusCode, long.json().code]).toEqual([400, 'period_too_long']);
    expect((await get(`/api/dashboard/summary?siteId=dev-lab&from=${iso(T0)}&to=${iso(T0 + H)}&bucket=week`)).statusCode).toBe(400);
    expect((await get(`/api/dashboard/nodes?processKey=picking&from=yesterday&to=${iso(T0)}`)).statusCode).toBe(400);
  });
});

describe.each(BACKENDS)('dashboard rollup on %s', (backend) => {
  let app: VoicemanApp;
  let tester: string;
  beforeAll(async () => {
    app = await testApp(backend);
    ({ tester } = await usersOfEveryRole(app));
  });
  afterAll(async () => app?.close());

  it('a batch that arrives after the hour was read (an offline terminal) is counted by the next read', async () => {
    const url = `/api/dashboard/nodes?processKey=picking&siteId=dev-lab&from=${iso(T0)}&to=${iso(T0 + H)}`;
    await app.repos.events.ingest('dev-lab', sessionA.slice(0, 8));
    expect((await app.inject({ method: 'GET', url, headers: { cookie: tester } })).json().nodes.find((n: { state: string }) => n.state === 'qty'))
      .toMatchObject({ answers: 1, noMatches: 1, noMatchRate: 1 });
    await app.repos.events.ingest('dev-lab', sessionA.slice(8));
    expect((await app.inject({ method: 'GET', url, headers: { cookie: tester } })).json().nodes.find((n: { state: string }) => n.state === 'qty'))
      .toMatchObject({ answers: 3, noMatches: 1, repeats: 1, promptToAnswerMs: (4000 + 1000 + 1500) / 3 });
    // Read again with nothing new: the same figures, nothing left to recompute.
    expect(await app.repos.dashboard.refresh({ siteId: 'dev-lab', processKey: 'picking', from: new Date(T0), to: new Date(T0 + H) })).toBe(0);
  });

  it('a period that is not whole hours reads the whole hours around it', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/dashboard/summary?siteId=dev-lab&from=${iso(T0 + 60_000)}&to=${iso(T0 + 61_000)}`, headers: { cookie: tester } });
    expect(res.json()).toMatchObject({ from: iso(T0), to: iso(T0 + H) });
  });
});
