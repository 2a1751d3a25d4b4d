/**
 * Replay of logged sessions end to end: 62 case-picking sessions run by the real runtime on the
 * machine a terminal fetched from the terminal API, against the real mock WMS over HTTP,
 * logged through the terminal API into a real PostgreSQL; then replayed through /api/replays on
 * the unchanged version (all same) and on a draft with one deliberate change (exactly the
 * sessions that say the changed prompt diverge, at that step).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFlows, exampleReferenceTables, startMockWms, type MockWms } from '@voiceman/examples';
import { createDialog, createScriptedHost, createVirtualClock, loadMachine, type DialogOptions, type JsonValue, type ScriptedListen } from '@voiceman/runtime';
import type { VoicemanApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { testApp, usersOfEveryRole } from './backends.js';
import { fetchRequest } from './wms-fetch.js';

interface Delivered {
  processKey: string; versionNumber: number; hash: string; machine: unknown;
  input: Record<string, JsonValue>; settings: DialogOptions['settings']; secrets: string[];
}

const toFirstSlot = ['four two seven', 'yes', 'ready', 'ready'];
const unsure = (text: string): ScriptedListen => ({ kind: 'speech', text, confidence: 0.2 });
/** What operators did, by kind: how many sessions of each, and whether the changed prompt is in them. */
const KINDS: { name: string; count: number; answers: ScriptedListen[]; saysWrong: boolean }[] = [
  { name: 'whole assignment', count: 12, saysWrong: false, answers: [...toFirstSlot, 'five seven', 'three', 'two one', 'two', 'ready', 'eight three', 'five', 'ready', 'nine two', 'one', 'three eight'] },
  { name: 'wrong check digits once', count: 10, saysWrong: true, answers: [...toFirstSlot, 'one one', 'five seven', 'three'] },
  { name: 'short pick with a reason', count: 10, saysWrong: false, answers: [...toFirstSlot, 'five seven', 'two', 'yes', 'damaged'] },
  { name: 'sign off', count: 10, saysWrong: false, answers: [...toFirstSlot, 'sign off', 'yes'] },
  { name: 'silence to the supervisor', count: 10, saysWrong: false, answers: [...toFirstSlot, null, null, null] },
  { name: 'unsure, then clear', count: 6, saysWrong: false, answers: [...toFirstSlot, unsure('five seven'), 'five seven', 'three'] },
  { name: 'wrong check digits three times', count: 4, saysWrong: true, answers: [...toFirstSlot, 'one one', 'two two', 'three three', 'ready', 'five seven'] },
];
/** The wrong digits are the fifth input: the changed prompt is the first thing said after it. */
const WRONG_STEP = 5;

describe('replaying logged sessions (real runtime, terminal API, PostgreSQL)', () => {
  let app: VoicemanApp;
  let wms: MockWms;
  let c: Awaited<ReturnType<typeof usersOfEveryRole>>;
  /** Session id → the kind of what the operator did. */
  const kindOf = new Map<string, (typeof KINDS)[number]>();

  const call = async (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as any };
  };

  /** One session as a terminal runs it: the delivered machine and options, the operator's answers, WMS calls over HTTP. */
  async function runSession(p: Delivered, terminalId: string, answers: ScriptedListen[], startAt: number) {
    await fetch(`${wms.url}/test/reset`, { method: 'POST' });
    const host = createScriptedHost({ listen: answers, clock: createVirtualClock(startAt) });
    host.randomUUID = randomUUID;
    host.request = async (request) => {
      host.requests.push(request);
      return fetchRequest(request);
    };
    const sessionId = `replay-${randomUUID()}`;
    const dialog = createDialog(loadMachine(p.machine as never), host, {
      sessionId, terminalId, operatorId: 'op-427', versionHash: p.hash, input: p.input, settings: p.settings, secrets: p.secrets, language: 'en',
    });
    await dialog.start();
    await Promise.race([dialog.done, host.blocked()]);
    return { sessionId, events: host.events };
  }

  beforeAll(async () => {
    wms = await startMockWms({ port: 0, testRoutes: true });
    app = await testApp('postgres');
    c = await usersOfEveryRole(app);
    await seedExamples(app.repos, await app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: wms.url });
    const t = (await call(c.admin, 'POST', '/api/terminals', { siteId: 'dev-lab', name: 'Replay T1' })).body as { id: string; token: string };
    const auth = { authorization: `Bearer ${t.token}` };
    const delivered = (await app.inject({ url: '/api/terminal/v1/machines', headers: auth })).json() as { processes: Delivered[] };
    const picking = delivered.processes.find((p) => p.processKey === 'case-picking')!;
    expect(picking.input.wmsUrl).toBe(wms.url.replace(/\/$/, ''));
    let at = Date.now() - 3600_000;
    for (const kind of KINDS) {
      for (let i = 0; i < kind.count; i++) {
        const { sessionId, events } = await runSession(picking, t.id, kind.answers, (at += 30_000));
        kindOf.set(sessionId, kind);
        for (let j = 0; j < events.length; j += 500) {
          const res = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: auth, payload: { events: events.slice(j, j + 500) } });
          expect(res.json().rejected).toEqual([]);
        }
      }
    }
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await wms?.close();
  });

  /** Starts a replay and polls it to the end. */
  async function replay(cookie: string, body: object) {
    const started = await call(cookie, 'POST', '/api/replays', body);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    for (let i = 0; i < 600; i++) {
      const job = await call(cookie, 'GET', `/api/replays/${started.body.id}`);
      if (job.body.status !== 'running') return job.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('replay did not finish');
  }

  it('logged 62 real sessions of case picking', async () => {
    expect(kindOf.size).toBe(62);
    const { rows } = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dialog_sessions WHERE process_key = 'case-picking'`);
    expect(rows[0]!.n).toBe(62);
  });

  it('replays every session on the unchanged version: all the same', async () => {
    const job = await replay(c.tester, { filter: { processKey: 'case-picking', siteId: 'dev-lab' }, target: 1 });
    expect(job).toMatchObject({ status: 'done', total: 62, done: 62, totals: { same: 62, diverged: 0, inconclusive: 0 } });
    expect(job.sessions.map((s: { sessionId: string }) => s.sessionId).sort()).toEqual([...kindOf.keys()].sort());
    expect(job.sessions[0]).toMatchObject({ siteId: 'dev-lab', version: 1, verdict: 'same' });
    // Newest first, as the history lists them.
    const started = job.sessions.map((s: { startedAt: string }) => s.startedAt);
    expect(started).toEqual([...started].sort().reverse());
  });

  it('replays on a draft with one changed prompt: exactly the sessions that say it diverge, at that step, with both sides', async () => {
    const process = (await call(c.admin, 'GET', '/api/processes/case-picking')).body;
    const graph = structuredClone(process.graph);
    const node = graph.nodes.find((n: { id: string }) => n.id === 'slot');
    node.data.check.wrong.en = 'Wrong digits, say them again.';
    expect((await call(c.admin, 'PUT', '/api/processes/case-picking/draft', { graph, revision: process.revision })).status).toBe(200);

    const job = await replay(c.tester, { filter: { processKey: 'case-picking' }, target: 'draft' });
    const affected = [...kindOf].filter(([, k]) => k.saysWrong).map(([id]) => id).sort();
    expect(affected).toHaveLength(14);
    expect(job.totals).toEqual({ same: 48, diverged: 14, inconclusive: 0 });
    const diverged = job.sessions.filter((s: { verdict: string }) => s.verdict === 'diverged');
    expect(diverged.map((s: { sessionId: string }) => s.sessionId).sort()).toEqual(affected);
    for (const s of diverged) {
      expect(s).toMatchObject({ step: WRONG_STEP, reason: 'prompt 1 differs', expected: 'says "Wrong, try again."', actual: 'says "Wrong digits, say them again."' });
    }

    const side = await call(c.tester, 'GET', `/api/replays/${job.id}/sessions/${encodeURIComponent(diverged[0].sessionId)}`);
    expect(side.status).toBe(200);
    expect(side.body).toMatchObject({ verdict: 'diverged', divergedAt: WRONG_STEP });
    expect(side.body.original[WRONG_STEP]).toMatchObject({ input: { kind: 'speech', text: 'one one' }, prompts: ['Wrong, try again.', 'Slot 4 A.'] });
    expect(side.body.replayed[WRONG_STEP].prompts).toEqual(['Wrong digits, say them again.', 'Slot 4 A.']);
    // Steps before the change are the same on both sides, WMS calls included.
    expect(side.body.replayed.slice(0, WRONG_STEP)).toEqual(side.body.original.slice(0, WRONG_STEP));
    expect(side.body.original[2].requests[0]).toMatchObject({ method: 'POST', path: expect.stringContaining('/operators/427'), answer: '200' });
    // The path it took, for the canvas: any user, the same steps as the original side.
    const path = await call(c.designer, 'GET', `/api/sessions/${encodeURIComponent(diverged[0].sessionId)}/steps`);
    expect(path.body).toMatchObject({ processKey: 'case-picking', siteId: 'dev-lab', version: 1, outcome: 'open' });
    expect(path.body.steps).toEqual(side.body.original);
    expect((await call(c.designer, 'GET', '/api/sessions/nobody/steps')).status).toBe(404);
  });

  it('filters like the history: outcome and period', async () => {
    const done = await replay(c.admin, { filter: { processKey: 'case-picking', outcome: 'done' }, target: 1 });
    const doneKinds = new Set(done.sessions.map((s: { sessionId: string }) => kindOf.get(s.sessionId)!.name));
    expect(done.total).toBeGreaterThan(0);
    expect(doneKinds.has('wrong check digits once')).toBe(false);
    const none = await replay(c.tester, { filter: { processKey: 'case-picking', from: '2001-01-01', to: '2001-01-02' }, target: 1 });
    expect(none).toMatchObject({ status: 'done', total: 0, sessions: [] });
    const limited = await replay(c.tester, { filter: { processKey: 'case-picking', limit: 5 }, target: 1 });
    expect(limited.total).toBe(5);
  });

  it('refuses bad requests and keeps jobs to their owner', async () => {
    expect((await call(c.tester, 'POST', '/api/replays', { filter: { processKey: 'case-picking', limit: 5001 }, target: 1 })).status).toBe(400);
    expect((await call(c.tester, 'POST', '/api/replays', { filter: { processKey: 'case-picking', from: 'yesterday' }, target: 1 })).body).toMatchObject({ code: 'invalid_request' });
    expect((await call(c.tester, 'POST', '/api/replays', { filter: { processKey: 'case-picking' }, target: 99 })).status).toBe(404);
    expect((await call(c.designer, 'POST', '/api/replays', { filter: { processKey: 'case-picking' }, target: 1 })).status).toBe(403);
    const mine = await replay(c.tester, { filter: { processKey: 'case-picking', limit: 1 }, target: 1 });
    await call(c.admin, 'POST', '/api/users', { username: 'tester2', password: 'tester2-password', role: 'tester' });
    const other = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tester2', password: 'tester2-password' } })).cookies.find((k) => k.name === 'vm_session')!;
    const cookie = `vm_session=${other.value}`;
    expect((await call(cookie, 'GET', `/api/replays/${mine.id}`)).status).toBe(404);
    expect((await call(c.admin, 'GET', `/api/replays/${mine.id}`)).status).toBe(200);
    expect((await call(c.tester, 'GET', `/api/replays/${mine.id}/sessions/not-in-this-job`)).status).toBe(404);
  });
});
