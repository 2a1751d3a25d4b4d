import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { testApp, usersOfEveryRole } from './backends.js';

/** start → say → end, optionally reading reference tables. */
function sayFlow(key: string, text: string, referenceTables?: string[]) {
  const g = starterGraph(key, key);
  return {
    ...g,
    process: { ...g.process, ...(referenceTables ? { referenceTables } : {}) },
    nodes: [...g.nodes, { id: 'say', kind: 'say', position: { x: 0, y: 80 }, data: { text: { en: text } } }],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'say' },
      { id: 'e2', source: 'say', outcome: 'next', target: 'end' },
    ],
  };
}

/** start → subflow(callee) → end. */
function callerFlow(key: string, callee: string, version?: 'draft' | 'published') {
  const g = starterGraph(key, key);
  return {
    ...g,
    nodes: [...g.nodes, { id: 'call', kind: 'subflow', position: { x: 0, y: 80 }, data: { processKey: callee, inputs: {}, outputs: {}, ...(version ? { version } : {}) } }],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'call' },
      { id: 'e2', source: 'call', outcome: 'done', target: 'end' },
    ],
  };
}

// Publishing logic, not storage: PGlite only (the SQL runs on both backends in api.test.ts).
describe('publishing', () => {
  let app: VoicemanApp;
  let admin: string;
  beforeAll(async () => {
    app = await testApp('pglite');
    admin = (await usersOfEveryRole(app)).admin;
  });
  afterAll(async () => app?.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie: admin }, ...(payload === undefined ? {} : { payload: payload as object }) });
  async function saveDraft(key: string, graph: unknown) {
    const current = await call('GET', `/api/processes/${key}`);
    if (current.statusCode === 404) {
      expect((await call('POST', '/api/processes', { key, name: key, graph })).statusCode).toBe(201);
    } else {
      expect((await call('PUT', `/api/processes/${key}/draft`, { graph, revision: current.json().revision })).statusCode).toBe(200);
    }
    return (await call('GET', `/api/processes/${key}`)).json().revision as number;
  }
  const publish = async (key: string) => call('POST', `/api/processes/${key}/versions`, { revision: (await call('GET', `/api/processes/${key}`)).json().revision });

  it("a subflow runs its callee's published version (refused until there is one); `draft` runs the draft", async () => {
    await saveDraft('callee', sayFlow('callee', 'Published words'));
    await saveDraft('caller', callerFlow('caller', 'callee'));
    const early = await publish('caller');
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'subflow_unpublished', processKeys: ['callee'] });

    expect((await publish('callee')).statusCode).toBe(201);
    await saveDraft('callee', sayFlow('callee', 'Unpublished words'));
    const v1 = await publish('caller');
    expect(v1.statusCode, v1.body).toBe(201);
    const stored = (await call('GET', `/api/processes/caller/versions/${v1.json().number}`)).json();
    expect(stored.callees).toEqual([{ processKey: 'callee', number: 1 }]);
    expect(JSON.stringify(stored.machine)).toContain('Published words');
    expect(JSON.stringify(stored.machine)).not.toContain('Unpublished words');

    await saveDraft('caller', callerFlow('caller', 'callee', 'draft'));
    const v2 = await publish('caller');
    expect(v2.statusCode, v2.body).toBe(201);
    const onDraft = (await call('GET', `/api/processes/caller/versions/${v2.json().number}`)).json();
    expect(onDraft.callees).toEqual([]);
    expect(JSON.stringify(onDraft.machine)).toContain('Unpublished words');
  });

  it("freezes the latest revision of each reference table a process or its callee lists (the hash covers it)", async () => {
    expect((await call('PUT', '/api/reference/reasons', { rows: [{ key: 'damaged', value: 'DMG' }] })).statusCode).toBe(200);
    await saveDraft('uses-ref', sayFlow('uses-ref', 'Reason', ['reasons']));
    const v1 = await publish('uses-ref');
    expect(v1.statusCode, v1.body).toBe(201);
    const m1 = (await call('GET', `/api/processes/uses-ref/versions/${v1.json().number}`)).json().machine;
    expect(m1.meta.vm.reference).toEqual({ reasons: { revision: 1, rows: { damaged: 'DMG' } } });

    // A callee's table travels with the caller's machine.
    await saveDraft('calls-ref', callerFlow('calls-ref', 'uses-ref'));
    const viaCallee = await publish('calls-ref');
    expect(viaCallee.statusCode, viaCallee.body).toBe(201);
    expect((await call('GET', `/api/processes/calls-ref/versions/1`)).json().machine.meta.vm.reference).toEqual(m1.meta.vm.reference);

    await call('PUT', '/api/reference/reasons', { rows: [{ key: 'damaged', value: 'DMG2' }] });
    const v2 = await publish('uses-ref');
    expect(v2.json().hash).not.toBe(v1.json().hash);
    const m2 = (await call('GET', `/api/processes/uses-ref/versions/${v2.json().number}`)).json().machine;
    expect(m2.meta.vm.reference).toEqual({ reasons: { revision: 2, rows: { damaged: 'DMG2' } } });
    // The old version keeps what it froze.
    expect((await call('GET', `/api/processes/uses-ref/versions/1`)).json().machine.meta.vm.reference.reasons.revision).toBe(1);
  });

  it('a listed table that does not exist is a publish error, not a silent empty table', async () => {
    await saveDraft('no-table', sayFlow('no-table', 'x', ['nowhere']));
    const res = await publish('no-table');
    expect(res.statusCode).toBe(422);
    expect(res.json().diagnostics).toContainEqual(expect.objectContaining({ code: 'reference-missing' }));
  });
});

describe('seeding the examples', () => {
  it("stores the flows as they are, writes the development environment's wmsUrl setting, and publishes callees first", async () => {
    const { exampleFlows, exampleReferenceTables } = await import('@voiceman/examples');
    const { seedExamples } = await import('../src/seed.js');
    const app = await testApp('pglite');
    try {
      // Callers listed before their callees still publish: seeding goes in dependency order.
      const flows = exampleFlows().reverse();
      const seeded = await seedExamples(app.repos, app.compiler(), flows, { referenceTables: exampleReferenceTables(), wmsUrl: 'http://127.0.0.1:4999' });
      expect(seeded.skipped).toEqual([]);
      const draft = await app.repos.processes.get('case-picking');
      const variables = (draft!.graph as { process: { variables: { name: string; default?: unknown }[] } }).process.variables;
      // The flow keeps its own default (local CLI use); the installation's address is a setting.
      expect(variables.find((v) => v.name === 'wmsUrl')?.default).toBe('http://127.0.0.1:4010');
      const original = flows.find((f) => (f as { process: { key: string } }).process.key === 'case-picking');
      expect(draft!.graph).toEqual(original);
      const [dev] = await app.repos.settings.environmentSettings('development');
      expect(dev).toMatchObject({ name: 'wmsUrl', type: 'string', value: 'http://127.0.0.1:4999', secret: false });
      const delivered = await app.settings.forSite('dev-lab');
      expect(delivered.processes.get('case-picking')?.input).toEqual({ wmsUrl: 'http://127.0.0.1:4999' });
    } finally {
      await app.close();
    }
  });

  it('without a WMS address the examples are published but not deployed, and say why', async () => {
    const { exampleFlows, exampleReferenceTables } = await import('@voiceman/examples');
    const { seedExamples } = await import('../src/seed.js');
    const app = await testApp('pglite');
    try {
      const seeded = await seedExamples(app.repos, app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
      expect(seeded.created).toHaveLength(5);
      expect(seeded.skipped.find((s) => s.key === 'case-picking')?.reason).toMatch(/not deployed: .*wmsUrl \(string\)/);
      expect(await app.repos.settings.deployedInputs(['dev-lab'])).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
