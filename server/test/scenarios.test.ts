import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';
import { AISLE, caller, changeDraft, exampleScenarios, finished, seed, type Call } from './scenario-helpers.js';

const tiny = (name: string, extra: object = {}) => ({ formatVersion: 1, name, process: 'case-picking', steps: [{ say: 'four two seven' }], ...extra });

// Storage of scenarios: the SQL on both backends.
describe.each(BACKENDS)('stored scenarios on %s', (backend) => {
  let app: VoicemanApp;
  let tester: Call;
  let designer: Call;
  let admin: Call;
  beforeAll(async () => {
    app = await testApp(backend);
    const users = await usersOfEveryRole(app);
    [tester, designer, admin] = [caller(app, users.tester), caller(app, users.designer), caller(app, users.admin)];
    await seed(app);
  });
  afterAll(async () => app?.close());

  it('a tester creates, reads, renames and deletes a scenario; names are unique within the process', async () => {
    const [short] = exampleScenarios('case-picking').filter((s) => s.name === 'a short pick with a reason');
    const created = await tester('POST', '/api/processes/case-picking/scenarios', { scenario: short });
    expect(created.statusCode, created.body).toBe(201);
    const row = created.json();
    expect(row).toMatchObject({ name: 'a short pick with a reason', updatedBy: 'tester', lastResult: null, scenario: { process: 'case-picking', steps: (short as { steps: unknown[] }).steps } });

    expect((await designer('GET', `/api/processes/case-picking/scenarios/${row.id}`)).json()).toEqual(row);
    const again = await designer('POST', '/api/processes/case-picking/scenarios', { scenario: short });
    expect([again.statusCode, again.json().code]).toEqual([409, 'scenario_name_taken']);

    const other = (await tester('POST', '/api/processes/case-picking/scenarios', { scenario: tiny('crud other') })).json();
    const renamed = await designer('PUT', `/api/processes/case-picking/scenarios/${row.id}`, { scenario: { ...short, name: 'crud renamed' } });
    expect([renamed.statusCode, renamed.json().name, renamed.json().updatedBy]).toEqual([200, 'crud renamed', 'designer']);
    const clash = await designer('PUT', `/api/processes/case-picking/scenarios/${row.id}`, { scenario: { ...short, name: 'crud other' } });
    expect([clash.statusCode, clash.json().code]).toEqual([409, 'scenario_name_taken']);

    const names = (await tester('GET', '/api/processes/case-picking/scenarios')).json().map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['crud other', 'crud renamed']));

    expect((await admin('DELETE', `/api/processes/case-picking/scenarios/${row.id}`)).statusCode).toBe(204);
    expect((await admin('GET', `/api/processes/case-picking/scenarios/${row.id}`)).statusCode).toBe(404);
    expect((await admin('DELETE', `/api/processes/case-picking/scenarios/${other.id}`)).statusCode).toBe(204);
  });

  it('a scenario belongs to the process in the URL: its `process` is overwritten, another process does not see it', async () => {
    const res = await tester('POST', '/api/processes/case-picking/scenarios', { scenario: { ...tiny('owned'), process: 'sign-on' } });
    expect(res.json().scenario.process).toBe('case-picking');
    const id = res.json().id;
    expect((await tester('GET', `/api/processes/sign-on/scenarios/${id}`)).statusCode).toBe(404);
    expect((await tester('PUT', `/api/processes/sign-on/scenarios/${id}`, { scenario: tiny('stolen') })).statusCode).toBe(404);
    expect((await tester('DELETE', `/api/processes/sign-on/scenarios/${id}`)).statusCode).toBe(404);
    expect((await tester('GET', '/api/processes/sign-on/scenarios')).json().map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await tester('POST', '/api/processes/no-such/scenarios', { scenario: tiny('x') })).statusCode).toBe(404);
    expect((await tester('GET', `/api/processes/case-picking/scenarios/${id}`)).json().name).toBe('owned');
  });

  it('bad scenarios are refused with the field named, and nothing is stored', async () => {
    const post = (scenario: unknown) => tester('POST', '/api/processes/case-picking/scenarios', { scenario });
    const before = (await tester('GET', '/api/processes/case-picking/scenarios')).json().length;

    const wrongType = await post({ ...tiny('bad type'), steps: [{ say: 'one' }, { say: 5 }] });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({ code: 'bad_scenario', field: '/steps/1/say' });
    expect(wrongType.json().message).toContain('step 2, say');

    const badRegex = await post({ ...tiny('bad regex'), start: { prompts: [{ matches: '(' }] } });
    expect(badRegex.json()).toMatchObject({ code: 'bad_scenario', field: '/start/prompts/0/matches' });
    const noSteps = await post({ formatVersion: 1, name: 'no steps', process: 'case-picking' });
    expect(noSteps.json().code).toBe('bad_scenario');
    expect(noSteps.json().message).toMatch(/steps/);
    const version2 = await post({ ...tiny('v2'), formatVersion: 2 });
    expect(version2.json()).toMatchObject({ code: 'bad_scenario', field: '/formatVersion' });

    const nul = await post(tiny('nul\u0000name'));
    expect([nul.statusCode, nul.json().code]).toEqual([400, 'invalid_characters']);
    const surrogate = await post({ ...tiny('lone'), steps: [{ say: 'x\ud800' }] });
    expect([surrogate.statusCode, surrogate.json().code]).toEqual([400, 'invalid_characters']);

    const tooLong = await post({ ...tiny('too many steps'), steps: Array.from({ length: 2001 }, () => ({ say: 'ready' })) });
    expect(tooLong.json()).toMatchObject({ code: 'bad_scenario', field: '/steps' });
    expect(tooLong.json().message).toContain('2000');
    const huge = await post({ ...tiny('huge'), steps: Array.from({ length: 1500 }, () => ({ say: 'x'.repeat(500), note: 'y'.repeat(300) })) });
    expect([huge.statusCode, huge.json().code]).toEqual([400, 'bad_scenario']);
    expect(huge.json().message).toContain('1 MiB');

    expect((await tester('GET', '/api/processes/case-picking/scenarios')).json().length).toBe(before);
  });

  it('import upserts by name: twice changes nothing, a changed one is updated, a bad one refuses the whole import', async () => {
    const files = exampleScenarios('sign-on');
    expect(files.length).toBeGreaterThan(2);
    const first = await tester('POST', '/api/processes/sign-on/scenarios/import', { scenarios: files });
    expect(first.json()).toEqual({ created: files.length, updated: 0, unchanged: 0, removed: 0 });
    const stored = (await tester('GET', '/api/processes/sign-on/scenarios')).json();
    const second = await designer('POST', '/api/processes/sign-on/scenarios/import', { scenarios: files });
    expect(second.json()).toEqual({ created: 0, updated: 0, unchanged: files.length, removed: 0 });
    expect((await tester('GET', '/api/processes/sign-on/scenarios')).json()).toEqual(stored);

    const changed = [{ ...files[0], description: 'reworded' }, ...files.slice(1)];
    expect((await tester('POST', '/api/processes/sign-on/scenarios/import', { scenarios: changed })).json()).toEqual({ created: 0, updated: 1, unchanged: files.length - 1, removed: 0 });

    const bad = await tester('POST', '/api/processes/sign-on/scenarios/import', { scenarios: [tiny('would be new'), { ...tiny('broken'), steps: [{ shout: 'x' }] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'bad_scenario', index: 1 });
    const twice = await tester('POST', '/api/processes/sign-on/scenarios/import', { scenarios: [tiny('dup'), tiny('dup')] });
    expect(twice.json()).toMatchObject({ code: 'bad_scenario', index: 1, field: '/name' });
    expect((await tester('GET', '/api/processes/sign-on/scenarios')).json().map((s: { name: string }) => s.name)).not.toContain('would be new');

    const replaced = await tester('POST', '/api/processes/sign-on/scenarios/import', { scenarios: files.slice(0, 1), replace: true });
    expect(replaced.json()).toEqual({ created: 0, updated: 1, unchanged: 0, removed: files.length - 1 });
  });

  it('keeps at most 500 scenarios per process', async () => {
    await admin('POST', '/api/processes', { key: 'crowded', name: 'crowded' });
    const many = Array.from({ length: 500 }, (_, i) => ({ ...tiny(`s${i}`), process: 'crowded' }));
    expect((await tester('POST', '/api/processes/crowded/scenarios/import', { scenarios: many })).json().created).toBe(500);
    const one = await tester('POST', '/api/processes/crowded/scenarios', { scenario: tiny('one too many') });
    expect([one.statusCode, one.json().code]).toEqual([409, 'too_many_scenarios']);
    const overImport = await tester('POST', '/api/processes/crowded/scenarios/import', { scenarios: [tiny('another')] });
    expect(overImport.json().code).toBe('too_many_scenarios');
    // Deleting the process deletes its scenarios.
    expect((await admin('DELETE', '/api/processes/crowded')).statusCode).toBe(204);
    expect((await app.db.query("SELECT count(*)::int AS n FROM scenarios WHERE process_key = 'crowded'")).rows[0]).toEqual({ n: 0 });
  }, 60_000);

  it('only an admin sets the scenario gate; the process answers with it', async () => {
    expect((await tester('GET', '/api/processes/case-picking')).json().scenarioGate).toBe('warn');
    const byDesigner = await designer('PATCH', '/api/processes/case-picking', { scenarioGate: 'off' });
    expect([byDesigner.statusCode, byDesigner.json().code]).toEqual([403, 'forbidden']);
    expect((await designer('PATCH', '/api/processes/case-picking', { scenarioGate: 'never' })).statusCode).toBe(400);
    const set = await admin('PATCH', '/api/processes/case-picking', { scenarioGate: 'block' });
    expect([set.statusCode, set.json().scenarioGate, set.json().name]).toEqual([200, 'block', 'Case picking']);
    expect((await tester('GET', '/api/processes/case-picking')).json().scenarioGate).toBe('block');
    expect((await designer('PATCH', '/api/processes/case-picking', { name: 'Case picking' })).json().scenarioGate).toBe('block');
    await admin('PATCH', '/api/processes/case-picking', { scenarioGate: 'warn' });
  });
});

// Runs and the publish gate: scenario logic, PGlite only (the run SQL runs on PostgreSQL in scenarios-nightly.test.ts).
describe('scenario runs and the publish gate', () => {
  let app: VoicemanApp;
  let tester: Call;
  let admin: Call;
  beforeAll(async () => {
    app = await testApp('pglite');
    const users = await usersOfEveryRole(app);
    [tester, admin] = [caller(app, users.tester), caller(app, users.admin)];
    await seed(app);
    const imported = await tester('POST', '/api/processes/case-picking/scenarios/import', { scenarios: exampleScenarios('case-picking') });
    expect(imported.json().created).toBe(exampleScenarios('case-picking').length);
  });
  afterAll(async () => app?.close());

  it("the case-picking example's committed scenarios pass on its draft and version 1, with progress and coverage", async () => {
    const count = exampleScenarios('case-picking').length;
    const start = await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 'draft' });
    expect(start.statusCode, start.body).toBe(202);
    const { report, seen } = await finished(tester, start.json().id);
    expect(report.results.filter((r) => !r.passed).map((r) => r.difference)).toEqual([]);
    expect(report).toMatchObject({ processKey: 'case-picking', target: 'draft', trigger: 'manual', status: 'done', total: count, done: count, passed: count, failed: 0, startedBy: 'tester' });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const coverage = report.coverage as { total: number; covered: number; percent: number; outcomes: { key: string; scenarios: number }[] };
    expect(coverage.covered).toBeGreaterThan(10);
    expect(coverage.covered).toBeLessThanOrEqual(coverage.total);
    const takenAnywhere = new Set(report.results.flatMap((r) => r.taken));
    expect(coverage.outcomes.filter((o) => o.scenarios > 0).every((o) => takenAnywhere.has(o.key))).toBe(true);

    const list = (await tester('GET', '/api/processes')).json() as { key: string; lastScenarioRun: unknown }[];
    expect(list.find((p) => p.key === 'case-picking')!.lastScenarioRun).toMatchObject({ id: report.id, target: 'draft', total: count, passed: count, failed: 0 });
    expect(list.find((p) => p.key === 'putaway')!.lastScenarioRun).toBeNull();
    const stored = (await tester('GET', '/api/processes/case-picking/scenarios')).json();
    expect(stored.every((s: { lastResult: { runId: string; passed: boolean } }) => s.lastResult.runId === report.id && s.lastResult.passed)).toBe(true);

    const onVersion = await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 1 });
    const v1 = (await finished(tester, onVersion.json().id)).report;
    expect([v1.target, v1.passed, v1.failed]).toEqual([1, count, 0]);
    // The process list prefers the newest run against the draft.
    expect((await tester('GET', '/api/processes')).json().find((p: { key: string }) => p.key === 'case-picking').lastScenarioRun.id).toBe(report.id);
    const runs = (await tester('GET', '/api/processes/case-picking/scenario-runs?limit=1')).json();
    expect(runs.map((r: { id: string }) => r.id)).toEqual([v1.id]);
  });

  it('progress shows while a run goes on: each poll has as many results as scenarios done', async () => {
    // 27 scenarios on a copy of case-picking: long enough that polls land mid-run.
    await admin('POST', '/api/processes/case-picking/duplicate', { key: 'picking-copy', name: 'Picking copy' });
    const copies = [1, 2, 3].flatMap((n) => exampleScenarios('case-picking').map((sc) => ({ ...sc, name: `${String(sc.name)} #${n}` })));
    expect((await tester('POST', '/api/processes/picking-copy/scenarios/import', { scenarios: copies })).json().created).toBe(27);
    const start = await tester('POST', '/api/processes/picking-copy/scenario-runs', { target: 'draft' });
    const { report, polls } = await finished(tester, start.json().id);
    expect([report.status, report.passed]).toEqual(['done', 27]);
    const midway = polls.filter((p) => p.status === 'running' && p.done > 0);
    expect(midway.length).toBeGreaterThan(0);
    for (const p of polls) {
      expect(p.results).toHaveLength(p.done);
      expect(p.passed + p.failed).toBe(p.done);
      if (p.status === 'running') expect(p.coverage).toBeNull();
    }
  }, 60_000);

  it('a changed prompt fails the scenarios that hear it, with the first difference at the right step', async () => {
    await changeDraft(admin, 'case-picking', AISLE.from, AISLE.to);
    try {
      const assignment = (await tester('GET', '/api/processes/case-picking/scenarios')).json().find((s: { name: string }) => s.name === 'a whole assignment');
      const start = await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 'draft', scenarioIds: [assignment.id] });
      const { report } = await finished(tester, start.json().id);
      expect([report.total, report.failed]).toEqual([1, 1]);
      const [result] = report.results;
      expect(result!.difference).toEqual({
        step: 3, kind: 'prompt', message: 'step 3, prompt 1: expected "Aisle 12.", heard "Go to aisle 12."', expected: 'Aisle 12.', actual: 'Go to aisle 12.',
      });
      expect(result!.view).toMatchObject({ steps: 3 });
      // Runs on the published version are untouched by the draft.
      const v1 = (await finished(tester, (await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 1, scenarioIds: [assignment.id] })).json().id)).report;
      expect(v1.passed).toBe(1);
      // The list has no views.
      expect((await tester('GET', '/api/processes/case-picking/scenario-runs?limit=5')).json().flatMap((r: { results: object[] }) => r.results).some((r: object) => 'view' in r)).toBe(false);
    } finally {
      await changeDraft(admin, 'case-picking', AISLE.to, AISLE.from);
    }
  });

  it('a scenario over its time budget (a pattern that backtracks without end) is stopped and fails; the server answers meanwhile', async () => {
    // Long enough that the whole-assignment scenario finishes on a busy 2-core CI machine, where
    // the test files run side by side; the backtracking one never does.
    const short = await testApp('pglite', { scenarioTimeoutMs: 6000 });
    try {
      await seed(short);
      const as = caller(short, (await usersOfEveryRole(short)).tester);
      const [assignment] = exampleScenarios('case-picking').filter((sc) => sc.name === 'a whole assignment') as { steps: { expect?: { prompts?: unknown[] } }[] }[];
      const steps = structuredClone(assignment!.steps);
      steps[1]!.expect = { prompts: ['Hello, Ivan Petrov.', { matches: '^(.+)+X$' }] };
      const stored = (await as('POST', '/api/processes/case-picking/scenarios', { scenario: { ...assignment, name: 'backtracks', steps } })).json();
      await as('POST', '/api/processes/case-picking/scenarios', { scenario: { ...assignment, name: 'fine' } });
      const id = (await as('POST', '/api/processes/case-picking/scenario-runs', { target: 1 })).json().id;
      let slowest = 0;
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        expect((await short.inject('/healthz')).statusCode).toBe(200);
        slowest = Math.max(slowest, performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
      const { report } = await finished(as, id);
      expect(report.results.map((r) => [r.name, r.passed])).toEqual([['backtracks', false], ['fine', true]]);
      expect(report.results[0]).toMatchObject({ scenarioId: stored.id, difference: { kind: 'input', message: expect.stringContaining('longer than 6 s') } });
      expect(slowest).toBeLessThan(1000);
    } finally {
      await short.close();
    }
  }, 120_000);

  it("refuses a run of a draft that does not compile, of an unknown version, or of another process's scenario", async () => {
    const broken = await tester('POST', '/api/processes', { key: 'broken', name: 'broken' });
    expect(broken.statusCode).toBe(403);
    await admin('POST', '/api/processes', { key: 'broken', name: 'broken', graph: { formatVersion: 1, process: { key: 'broken', name: 'broken', languages: ['en'] }, nodes: [{ id: 'start', kind: 'start', data: {} }], edges: [] } });
    await tester('POST', '/api/processes/broken/scenarios', { scenario: tiny('any') });
    const res = await tester('POST', '/api/processes/broken/scenario-runs', { target: 'draft' });
    expect([res.statusCode, res.json().code]).toEqual([422, 'draft_invalid']);
    expect(res.json().diagnostics.length).toBeGreaterThan(0);
    expect((await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 99 })).statusCode).toBe(404);
    const foreign = (await tester('GET', '/api/processes/broken/scenarios')).json()[0].id;
    expect((await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 'draft', scenarioIds: [foreign] })).statusCode).toBe(404);
    expect((await tester('GET', '/api/scenario-runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('a server runs at most 8 manual runs at once: the ninth asked for meanwhile is a 429', async () => {
    const answers = await Promise.all(Array.from({ length: 9 }, () => tester('POST', '/api/processes/case-picking/scenario-runs', { target: 'draft' })));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([...Array(8).fill(202), 429]);
    expect(answers.find((r) => r.statusCode === 429)!.json().code).toBe('too_many_runs');
    for (const r of answers.filter((a) => a.statusCode === 202)) expect((await finished(tester, r.json().id)).report.status).toBe('done');
    // Finished runs free their places.
    const again = await tester('POST', '/api/processes/case-picking/scenario-runs', { target: 1 });
    expect(again.statusCode).toBe(202);
    await finished(tester, again.json().id);
  }, 120_000);

  it('the publish gate: off publishes without running, warn publishes and reports, block refuses (force or not) and makes no version', async () => {
    const versions = async () => (await admin('GET', '/api/processes/case-picking/versions')).json().length as number;
    // allowSame: the seeded version holds the same machine, and the gate is what is tested here.
    const publish = async (extra: object = {}) => admin('POST', '/api/processes/case-picking/versions', { revision: (await admin('GET', '/api/processes/case-picking')).json().revision, allowSame: true, ...extra });
    const count = exampleScenarios('case-picking').length;

    await admin('PATCH', '/api/processes/case-picking', { scenarioGate: 'warn' });
    const clean = await publish();
    expect(clean.statusCode, clean.body).toBe(201);
    expect(clean.json().scenarios).toMatchObject({ total: count, passed: count, failed: 0, runId: expect.any(String) });
    expect((await tester('GET', `/api/scenario-runs/${clean.json().scenarios.runId}`)).json()).toMatchObject({ trigger: 'publish', status: 'done' });

    await changeDraft(admin, 'case-picking', AISLE.from, AISLE.to);
    try {
      const warned = await publish();
      expect(warned.statusCode).toBe(201);
      expect(warned.json().scenarios.failed).toBeGreaterThan(0);

      await admin('PATCH', '/api/processes/case-picking', { scenarioGate: 'block' });
      const before = await versions();
      for (const extra of [{}, { force: true }]) {
        const blocked = await publish(extra);
        expect(blocked.statusCode).toBe(422);
        expect(blocked.json()).toMatchObject({ code: 'scenarios_failed', runId: expect.any(String) });
        expect(blocked.json().failed).toContainEqual({ name: 'a whole assignment', difference: expect.objectContaining({ step: 3, kind: 'prompt', actual: 'Go to aisle 12.' }) });
      }
      expect(await versions()).toBe(before);

      await admin('PATCH', '/api/processes/case-picking', { scenarioGate: 'off' });
      const off = await publish();
      expect(off.statusCode).toBe(201);
      expect(off.json().scenarios).toBeUndefined();
    } finally {
      await changeDraft(admin, 'case-picking', AISLE.to, AISLE.from);
      await admin('PATCH', '/api/processes/case-picking', { scenarioGate: 'block' });
    }
    const fixed = await publish();
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json().scenarios.failed).toBe(0);
    // A process without scenarios publishes under `block`: nothing ran, nothing failed.
    await admin('PATCH', '/api/processes/putaway', { scenarioGate: 'block' });
    const putaway = await admin('POST', '/api/processes/putaway/versions', { revision: (await admin('GET', '/api/processes/putaway')).json().revision, allowSame: true });
    expect([putaway.statusCode, putaway.json().scenarios]).toEqual([201, { total: 0, passed: 0, failed: 0, runId: null }]);
  }, 60_000);
});
