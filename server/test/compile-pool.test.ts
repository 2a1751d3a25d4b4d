/**
 * Validate and publish compile on worker threads (src/compile-pool.ts): the event loop keeps
 * answering while a 20,000-node draft compiles, and a compile over its time budget is stopped.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { compilesRunning, createCompilePool } from '../src/compile-pool.js';
import { deployedTerminal, eventFor, testApp, usersOfEveryRole, type DeployedTerminal } from './backends.js';

/** start → n say nodes in a chain → end (edges: false → no edges at all). */
function bigFlow(key: string, n: number, edges = true) {
  const nodes: object[] = [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }];
  for (let i = 0; i < n; i++) nodes.push({ id: `s${i}`, kind: 'say', position: { x: 0, y: i }, data: { text: { en: `Step ${i}` } } });
  nodes.push({ id: 'end', kind: 'end', position: { x: 0, y: n }, data: {} });
  const ids = nodes.map((x) => (x as { id: string }).id);
  const links = edges ? ids.slice(0, -1).map((id, i) => ({ id: `e${i}`, source: id, outcome: 'next', target: ids[i + 1]! })) : [];
  return { formatVersion: 1, process: { key, name: key, languages: ['en'], variables: [], globalWords: [] }, nodes, edges: links };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
};

describe('compiling off the event loop', () => {
  let app: VoicemanApp;
  let admin: string;
  let terminal: DeployedTerminal;
  beforeAll(async () => {
    app = await testApp('pglite');
    ({ admin } = await usersOfEveryRole(app));
    // Events are stored only for a version deployed to the terminal's site.
    terminal = await deployedTerminal(app, admin);
  });
  afterAll(async () => app?.close());

  const saveDraft = async (key: string, graph: unknown) => {
    expect((await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: admin }, payload: { key, name: key } })).statusCode).toBe(201);
    const saved = await app.inject({ method: 'PUT', url: `/api/processes/${key}/draft`, headers: { cookie: admin }, payload: { graph, revision: 1 } });
    expect(saved.statusCode, saved.body).toBe(200);
  };

  it('/healthz and a small event ingest are answered while a 20,000-node draft compiles', async () => {
    await saveDraft('huge', bigFlow('huge', 19_998));
    let compiled = false;
    const validate = app.inject({ method: 'POST', url: '/api/processes/huge/validate', headers: { cookie: admin } }).then((res) => {
      compiled = true;
      return res;
    });
    await until(() => compilesRunning() > 0 || compiled);
    expect(compiled).toBe(false);

    const health = await app.inject('/healthz');
    const event = eventFor(terminal);
    const ingest = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: { authorization: `Bearer ${terminal.token}` }, payload: { events: [event] } });
    const answeredWhileCompiling = !compiled;

    expect(health.statusCode).toBe(200);
    expect(ingest.json().stored).toEqual([event.id]);
    expect(answeredWhileCompiling).toBe(true);
    const result = await validate;
    expect(result.statusCode).toBe(200);
    expect(result.json()).toMatchObject({ ok: true, diagnostics: [] });
  }, 120_000);

  it('a 25,000-node flow without edges is refused on save with the limit named (the compiler gives diagnostics too: compiler/src/parse.test.ts)', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: admin }, payload: { key: 'flat', name: 'flat' } })).statusCode).toBe(201);
    const saved = await app.inject({ method: 'PUT', url: '/api/processes/flat/draft', headers: { cookie: admin }, payload: { graph: bigFlow('flat', 24_998, false), revision: 1 } });
    expect(saved.statusCode).toBe(400);
    expect(saved.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('20000') });
    const draft = await app.inject({ method: 'GET', url: '/api/processes/flat', headers: { cookie: admin } });
    expect(draft.json().revision).toBe(1);
  }, 120_000);
});

describe('the compile time budget', () => {
  const pool = createCompilePool({ timeoutMs: 200, threads: 1, maxQueue: 1 });
  afterAll(() => pool.close());

  it('stops a compile over budget with 503 compile_timeout, and the next compile still works', async () => {
    const slow = pool.run({ graph: bigFlow('slow', 19_998), callees: [], referenceData: {} });
    await expect(slow).rejects.toMatchObject({ statusCode: 503, code: 'compile_timeout' });
    const quick = createCompilePool({ timeoutMs: 60_000, threads: 1 });
    try {
      const ok = await quick.run({ graph: bigFlow('ok', 3), callees: [], referenceData: {} });
      expect(ok.ok).toBe(true);
    } finally {
      await quick.close();
    }
  }, 60_000);

  it('refuses compiles beyond the queue with 503 compile_busy', async () => {
    const busy = createCompilePool({ timeoutMs: 60_000, threads: 1, maxQueue: 1 });
    try {
      await busy.run({ graph: bigFlow('warm', 1), callees: [], referenceData: {} }); // the thread is up
      const input = { graph: bigFlow('q', 2000), callees: [], referenceData: {} };
      const results = await Promise.allSettled([busy.run(input), busy.run(input), busy.run(input), busy.run(input)]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ statusCode: 503, code: 'compile_busy' });
    } finally {
      await busy.close();
    }
  }, 60_000);
});
