/**
 * Site settings end to end: one published version at two sites with their own WMS (real mock
 * WMS instances over HTTP, the real runtime fed with what the terminal API delivers), a
 * changed setting reaching terminals through a new ETag, deployments refused without a
 * required setting, secrets hidden from every browser response, dialog event, history page and
 * log line, and bad values refused with a clear 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFlow, startMockWms, type MockWms } from '@voiceman/examples';
import { createDialog, createScriptedHost, loadMachine, type DialogEvent, type DialogOptions, type JsonValue, type ScriptedListen } from '@voiceman/runtime';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';
import { fetchRequest } from './wms-fetch.js';

const SECRET_A = 'key-A-7f3c9e21b5';
const SECRET_B = 'key-B-0d84aa6e13';

interface DeliveredProcess {
  processKey: string; versionNumber: number; hash: string; machine: unknown;
  input: Record<string, JsonValue>; settings: DialogOptions['settings']; secrets: string[];
}

/** Runs a delivered process as a terminal would: its machine, with its settings as the dialog's options. */
async function runDelivered(p: DeliveredProcess, listen: ScriptedListen[], sessionId: string) {
  const host = createScriptedHost({ listen });
  host.request = async (request) => {
    host.requests.push(request);
    return fetchRequest(request);
  };
  const dialog = createDialog(loadMachine(p.machine as never), host, {
    sessionId, terminalId: 'T', versionHash: p.hash, input: p.input, settings: p.settings, secrets: p.secrets,
  });
  await dialog.start();
  const result = await dialog.done;
  return { host, result, spoken: host.spoken.map((s) => s.text) };
}

/** A process whose WMS call and last prompt use a secret API key. */
function keyFlow() {
  const g = starterGraph('keyed', 'Keyed');
  return {
    ...g,
    process: {
      ...g.process,
      variables: [
        { name: 'wmsUrl', type: 'string', default: 'http://127.0.0.1:4010', input: true },
        { name: 'apiKey', type: 'string', default: '', input: true },
        { name: 'status', type: 'string', default: '' },
      ],
    },
    nodes: [
      ...g.nodes,
      { id: 'health', kind: 'request', position: { x: 0, y: 60 }, data: { method: 'GET', url: '{{ wmsUrl }}/health?key={{ apiKey }}', headers: { 'X-Api-Key': '{{ apiKey }}' }, timeoutMs: 3000, retries: 0, mapping: [{ variable: 'status', expr: 'string(response.body.status)' }] } },
      { id: 'say', kind: 'say', position: { x: 0, y: 120 }, data: { text: { en: 'WMS {{ status }} with key {{ apiKey }}' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'health' },
      { id: 'e2', source: 'health', outcome: 'ok', target: 'say' },
      { id: 'e3', source: 'health', outcome: 'error', target: 'end' },
      { id: 'e4', source: 'say', outcome: 'next', target: 'end' },
    ],
  };
}

describe.each(BACKENDS)('site settings on %s', (backend) => {
  let app: VoicemanApp;
  let cookies: { admin: string; designer: string; tester: string };
  const logLines: string[] = [];
  /** Every body a browser received, searched for secrets at the end. */
  const browserBodies: string[] = [];
  const wms: MockWms[] = [];
  const terminals: Record<string, string> = {};
  let signOn: { number: number; hash: string };

  const call = async (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
    browserBodies.push(`${method} ${url} ${res.statusCode} ${res.body}`);
    return res;
  };
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => call(cookies.admin, method, url, payload);
  const rules = (siteId: string, etag?: string) =>
    app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${terminals[siteId]}`, ...(etag ? { 'if-none-match': etag } : {}) } });
  const delivered = async (siteId: string, key: string) => ((await rules(siteId)).json().processes as DeliveredProcess[]).find((p) => p.processKey === key)!;
  const publish = async (key: string, name: string, graph: unknown) => {
    expect((await admin('POST', '/api/processes', { key, name })).statusCode).toBe(201);
    expect((await admin('PUT', `/api/processes/${key}/draft`, { graph, revision: 1 })).statusCode).toBe(200);
    const v = await admin('POST', `/api/processes/${key}/versions`, { revision: 2, note: 'settings test' });
    expect(v.statusCode, v.body).toBe(201);
    return v.json() as { number: number; hash: string };
  };

  beforeAll(async () => {
    app = await testApp(backend, { logger: { level: 'trace', stream: { write: (line) => void logLines.push(line) } } });
    cookies = await usersOfEveryRole(app);
    for (const siteId of ['pilot-dc-1', 'pilot-dc-2', 'test-lab', 'dev-lab']) {
      const t = await admin('POST', '/api/terminals', { siteId, name: `t-${siteId}` });
      terminals[siteId] = t.json().token;
    }
    wms.push(await startMockWms({ port: 0, testRoutes: true }), await startMockWms({ port: 0, testRoutes: true }));
    // Production defines wmsUrl; each of its sites has its own value; sign-on is deployed to both.
    expect((await admin('PUT', '/api/environments/production/settings/wmsUrl', { type: 'string', description: 'Base URL of the WMS', value: null })).statusCode).toBe(200);
    expect((await admin('PUT', '/api/sites/pilot-dc-1/settings/wmsUrl', { value: wms[0]!.url })).statusCode).toBe(200);
    expect((await admin('PUT', '/api/sites/pilot-dc-2/settings/wmsUrl', { value: wms[1]!.url })).statusCode).toBe(200);
    expect((await admin('PUT', '/api/environments/production/settings/runtime.language', { value: 'en' })).statusCode).toBe(200);
    signOn = await publish('sign-on', exampleFlow('sign-on').process.name, exampleFlow('sign-on'));
    for (const site of ['pilot-dc-1', 'pilot-dc-2']) {
      expect((await admin('POST', `/api/sites/${site}/deployments`, { processKey: 'sign-on', versionNumber: signOn.number })).statusCode).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    for (const w of wms) await w.close();
  });

  it('one version at two sites: each site gets its own wmsUrl and calls its own WMS; the hash is the same everywhere', async () => {
    const atOne = await delivered('pilot-dc-1', 'sign-on');
    const atTwo = await delivered('pilot-dc-2', 'sign-on');
    expect(atOne.input).toEqual({ wmsUrl: wms[0]!.url });
    expect(atTwo.input).toEqual({ wmsUrl: wms[1]!.url });
    expect(atOne.settings).toMatchObject({ language: 'en' });
    const v = signOn;
    expect([atOne.hash, atTwo.hash]).toEqual([v.hash, v.hash]);
    expect(atOne.machine).toEqual(atTwo.machine);
    // The same flow compiled with no settings at all has the same hash: nothing site-specific is inside.
    const compiled = app.compiler()(exampleFlow('sign-on'), { resolveProcess: () => undefined });
    expect(compiled.hash).toBe(v.hash);

    // Each WMS answers 503 to the next sign-on: a dialog that reached the other site's WMS would fail.
    const fault = (w: MockWms) => fetch(`${w.url}/test/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 503, count: 1, pathPrefix: '/operators' }) });
    const clear = (w: MockWms) => fetch(`${w.url}/test/faults`, { method: 'DELETE' });
    await fault(wms[1]!);
    const one = await runDelivered(atOne, ['four two seven', 'yes'], 'two-sites-1');
    await clear(wms[1]!);
    await fault(wms[0]!);
    const two = await runDelivered(atTwo, ['four two seven', 'yes'], 'two-sites-2');
    await clear(wms[0]!);
    expect(one.host.requests.map((r) => r.url)).toEqual([`${wms[0]!.url}/operators/427/sign-on`]);
    expect(two.host.requests.map((r) => r.url)).toEqual([`${wms[1]!.url}/operators/427/sign-on`]);
    for (const run of [one, two]) {
      expect(run.result.status).toBe('done');
      expect(run.spoken).toContain('Hello, Ivan Petrov.');
    }
  }, 60_000);

  it('a changed setting reaches terminals on their next fetch (new ETag, same version); a deployment missing a setting is refused', async () => {
    const first = await rules('pilot-dc-1');
    const etag = first.headers.etag as string;
    expect((await rules('pilot-dc-1', etag)).statusCode).toBe(304);
    expect((await admin('PUT', '/api/sites/pilot-dc-1/settings/runtime.silenceTimeoutFactor', { value: 1.5 })).statusCode).toBe(200);
    const changed = await rules('pilot-dc-1', etag);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const p = (changed.json().processes as DeliveredProcess[]).find((x) => x.processKey === 'sign-on')!;
    expect(p.settings).toMatchObject({ language: 'en', silenceTimeoutFactor: 1.5 });
    expect(p.versionNumber).toBe(1);
    // An environment change reaches every site of the environment.
    const two = (await rules('pilot-dc-2')).headers.etag as string;
    await admin('PUT', '/api/environments/production/settings/runtime.confidenceThreshold', { value: 0.4 });
    expect((await rules('pilot-dc-2', two)).statusCode).toBe(200);

    // test-lab (environment test) has no wmsUrl: the deployment is refused, naming the setting.
    const refused = await admin('POST', '/api/sites/test-lab/deployments', { processKey: 'sign-on', versionNumber: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'settings_missing', missing: ['wmsUrl'] });
    expect(refused.json().message).toMatch(/sign-on needs settings that site test-lab does not have: wmsUrl \(string\)/);
    expect((await app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${terminals['test-lab']}` } })).json().processes).toEqual([]);

    // Removing a value a deployed process needs is refused as well; nothing changes.
    const del = await admin('DELETE', '/api/sites/pilot-dc-2/settings/wmsUrl');
    expect(del.statusCode).toBe(409);
    expect(del.json().message).toMatch(/sign-on version 1 at pilot-dc-2 needs wmsUrl/);
    expect((await delivered('pilot-dc-2', 'sign-on')).input.wmsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const typeChange = await admin('PUT', '/api/environments/production/settings/wmsUrl', { type: 'int', value: null });
    expect(typeChange.statusCode).toBe(409);
    expect(typeChange.json().code).toBe('setting_type_in_use');
  });

  it('every change is a revision with who and when; readers see values, the effective view names missing inputs', async () => {
    const revisions = (await call(cookies.tester, 'GET', '/api/settings/revisions?siteId=pilot-dc-1&name=wmsUrl')).json();
    expect(revisions[0]).toMatchObject({ environment: 'production', siteId: 'pilot-dc-1', name: 'wmsUrl', action: 'set', value: wms[0]!.url, changedBy: 'admin' });
    expect(Date.parse(revisions[0].changedAt)).toBeGreaterThan(Date.now() - 600_000);
    const view = (await call(cookies.designer, 'GET', '/api/sites/test-lab/effective-settings?processKey=sign-on')).json();
    expect(view.process).toMatchObject({ processKey: 'sign-on', version: 1, missing: ['wmsUrl (string)'] });
    expect(view.process.inputs).toEqual([expect.objectContaining({ name: 'wmsUrl', type: 'string', missing: true, value: null })]);
    const atSite = (await call(cookies.designer, 'GET', '/api/sites/pilot-dc-1/effective-settings?processKey=sign-on&version=draft')).json();
    expect(atSite.process.inputs[0]).toMatchObject({ name: 'wmsUrl', value: wms[0]!.url, source: 'site', missing: false });
    expect(atSite.process.runtime).toMatchObject({ language: 'en' });
    const env = (await call(cookies.tester, 'GET', '/api/environments/production/effective-settings')).json();
    expect(env.settings.find((s: { name: string }) => s.name === 'wmsUrl')).toMatchObject({ value: null, source: null });
  });

  it('a secret is delivered only to its own site, and never appears in a browser response, a dialog event, a history page or a log line', async () => {
    await admin('PUT', '/api/environments/production/settings/apiKey', { type: 'string', description: 'WMS API key', secret: true, value: null });
    const saved = await admin('PUT', '/api/sites/pilot-dc-1/settings/apiKey', { value: SECRET_A });
    expect(saved.json()).toMatchObject({ name: 'apiKey', secret: true, value: { secret: true, set: true } });
    await admin('PUT', '/api/sites/pilot-dc-2/settings/apiKey', { value: SECRET_B });
    await admin('PUT', '/api/sites/pilot-dc-1/settings/wmsUrl', { value: wms[0]!.url });
    const v = await publish('keyed', 'Keyed', keyFlow());
    for (const site of ['pilot-dc-1', 'pilot-dc-2']) expect((await admin('POST', `/api/sites/${site}/deployments`, { processKey: 'keyed', versionNumber: v.number })).statusCode).toBe(201);

    const rulesOne = (await rules('pilot-dc-1')).body;
    const rulesTwo = (await rules('pilot-dc-2')).body;
    expect(rulesOne).toContain(SECRET_A);
    expect(rulesOne).not.toContain(SECRET_B);
    expect(rulesTwo).not.toContain(SECRET_A);
    expect((await app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${terminals['test-lab']}` } })).body).not.toContain('key-');
    const keyed = await delivered('pilot-dc-1', 'keyed');
    expect(keyed.secrets).toEqual(['apiKey']);

    // The dialog uses the real key with the WMS; its events (sent to the server) show ***.
    const run = await runDelivered(keyed, [], 'secret-1');
    expect(run.result.status).toBe('done');
    expect(run.host.requests[0]!.headers['X-Api-Key']).toBe(SECRET_A);
    expect(run.spoken).toEqual([`WMS ok with key ${SECRET_A}`]);
    expect(JSON.stringify(run.host.events)).not.toContain(SECRET_A);
    // A terminal that does not redact (an old runtime): the server replaces the site's secrets at ingest.
    const leaky: DialogEvent = { ...run.host.events[0]!, id: '00000000-0000-4000-8000-0000000000aa', sessionId: 'secret-2', seq: 0, terminalId: '', data: { note: `leaked ${SECRET_A}`, nested: [{ k: SECRET_A }] } };
    const ids = (await app.inject({ url: '/api/terminals', headers: { cookie: cookies.admin } })).json() as { id: string; siteId: string }[];
    const terminalId = ids.find((t) => t.siteId === 'pilot-dc-1')!.id;
    const events = [...run.host.events.map((e) => ({ ...e, terminalId })), { ...leaky, terminalId }];
    const ingest = await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: { authorization: `Bearer ${terminals['pilot-dc-1']}` }, payload: { events } });
    expect(ingest.json().rejected).toEqual([]);
    const { rows } = await app.db.query<{ data: unknown }>("SELECT data FROM dialog_events WHERE session_id IN ('secret-1', 'secret-2')");
    expect(rows.length).toBe(events.length);
    expect(JSON.stringify(rows)).not.toContain(SECRET_A);
    expect(JSON.stringify(rows)).toContain('leaked ***');

    // Browsers: lists, effective views, revisions, history pages.
    for (const who of [cookies.admin, cookies.designer, cookies.tester]) {
      await call(who, 'GET', '/api/environments/production/settings');
      await call(who, 'GET', '/api/sites/pilot-dc-1/settings');
      await call(who, 'GET', '/api/sites/pilot-dc-1/effective-settings?processKey=keyed');
      await call(who, 'GET', '/api/environments/production/effective-settings?processKey=keyed');
      await call(who, 'GET', '/api/settings/revisions?name=apiKey');
      await call(who, 'GET', '/history?processKey=keyed');
      await call(who, 'GET', '/history/sessions/secret-1');
      await call(who, 'GET', '/history/sessions/secret-2');
    }
    const page = browserBodies.find((b) => b.startsWith('GET /history/sessions/secret-1 200'))!;
    expect(page).toContain('***');
    const effective = (await call(cookies.tester, 'GET', '/api/sites/pilot-dc-1/effective-settings?processKey=keyed')).json();
    expect(effective.process.inputs.find((i: { name: string }) => i.name === 'apiKey')).toMatchObject({ secret: true, value: { secret: true, set: true }, missing: false });
    const revisions = (await call(cookies.admin, 'GET', '/api/settings/revisions?name=apiKey')).json();
    expect(revisions.filter((r: { siteId: string | null }) => r.siteId).map((r: { value: unknown }) => r.value)).toEqual([{ secret: true, set: true }, { secret: true, set: true }]);

    // Write-only: making it non-secret without a new value is refused (it would reveal it).
    const reveal = await admin('PUT', '/api/environments/production/settings/apiKey', { secret: false });
    expect(reveal.statusCode).toBe(409);
    expect(reveal.json().message).toMatch(/apiKey cannot stop being secret: sites pilot-dc-1, pilot-dc-2 hold secret values/);

    // A secret defined for the environment and events stored before it existed: the page hides it too.
    const before = { ...leaky, id: '00000000-0000-4000-8000-0000000000bb', sessionId: 'secret-3', data: { note: 'ENV-SECRET-9a1b2c3d4e' }, terminalId };
    await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: { authorization: `Bearer ${terminals['pilot-dc-1']}` }, payload: { events: [before] } });
    await admin('PUT', '/api/environments/production/settings/basicAuth', { type: 'string', description: 'Authorization header value', secret: true, value: 'ENV-SECRET-9a1b2c3d4e' });
    const old = await call(cookies.tester, 'GET', '/history/sessions/secret-3');
    expect(old.statusCode).toBe(200);
    expect(old.body).not.toContain('ENV-SECRET');
    await call(cookies.tester, 'GET', '/api/environments/production/settings');

    const everything = browserBodies.join('\n');
    for (const secret of [SECRET_A, SECRET_B, 'ENV-SECRET-9a1b2c3d4e']) {
      expect(everything).not.toContain(secret);
      expect(logLines.join('')).not.toContain(secret);
    }
    // The log is on and saw these requests (the test above can fail).
    expect(logLines.some((l) => l.includes('/api/sites/pilot-dc-1/settings/apiKey'))).toBe(true);
  }, 60_000);

  it('the same PUT twice is one revision; a deployment racing the removal of its setting: exactly one of them wins', async () => {
    await admin('PUT', '/api/environments/development/settings/raceUrl', { type: 'string', description: 'race', value: null });
    for (let i = 0; i < 2; i++) expect((await admin('PUT', '/api/sites/dev-lab/settings/raceUrl', { value: 'http://race.example' })).statusCode).toBe(200);
    const revisions = (await admin('GET', '/api/settings/revisions?siteId=dev-lab&name=raceUrl')).json();
    expect(revisions).toHaveLength(1);
    const g = starterGraph('race', 'Race');
    await publish('race', 'Race', { ...g, process: { ...g.process, variables: [{ name: 'raceUrl', type: 'string', default: '', input: true }] } });
    const [removed, deployed] = await Promise.all([
      admin('DELETE', '/api/sites/dev-lab/settings/raceUrl'),
      admin('POST', '/api/sites/dev-lab/deployments', { processKey: 'race', versionNumber: 1 }),
    ]);
    expect([removed.statusCode, deployed.statusCode].sort()).toEqual(deployed.statusCode === 201 ? [201, 409] : [204, 422]);
    const raceRules = (await app.inject({ url: '/api/terminal/v1/machines', headers: { authorization: `Bearer ${terminals['dev-lab']}` } })).json();
    const race = (raceRules.processes as DeliveredProcess[]).find((p) => p.processKey === 'race');
    // Whatever won, a deployed process has its setting.
    if (race) expect(race.input).toEqual({ raceUrl: 'http://race.example' });
    else expect((await admin('GET', '/api/sites/dev-lab/settings')).json().values).toEqual([]);
  });

  it('bad values get a clear 400 and change nothing', async () => {
    await admin('PUT', '/api/environments/test/settings/retries', { type: 'int', description: 'WMS retries', value: 2 });
    const cases: [string, string, unknown, RegExp][] = [
      ['PUT', '/api/sites/test-lab/settings/retries', { value: 'two' }, /retries is an int; "two" is not/],
      ['PUT', '/api/sites/test-lab/settings/retries', { value: 2.5 }, /retries is an int; 2.5 is not/],
      ['PUT', '/api/sites/test-lab/settings/retries', { value: [2] }, /retries is an int; \[2\] is not/],
      ['PUT', '/api/sites/test-lab/settings/nothing', { value: 'x' }, /nothing is not a setting of environment test; define it there first/],
      ['PUT', '/api/environments/test/settings/runtime.loudness', { value: 3 }, /runtime.loudness is not a runtime setting/],
      ['PUT', '/api/environments/test/settings/wmsUrl', { type: 'string', value: 'http://a\u0000b' }, /NUL/],
      ['PUT', '/api/environments/test/settings/wmsUrl', { type: 'string', value: 'http://\ud800' }, /lone/],
      ['PUT', '/api/environments/test/settings/wmsUrl', { type: 'string', value: 'x'.repeat(5000) }, /wmsUrl is longer than 4096 characters/],
      ['PUT', '/api/environments/test/settings/wmsUrl', { value: 'http://x' }, /a new setting needs a type/],
      ['PUT', '/api/environments/test/settings/wmsUrl', { type: 'float', value: 1 }, /must be equal to one of the allowed values/],
      ['PUT', '/api/sites/test-lab/settings/runtime.confidenceThreshold', { value: 1.2 }, /runtime.confidenceThreshold must be from 0 to 1/],
      ['PUT', '/api/sites/test-lab/settings/runtime.language', { value: 'de' }, /runtime.language must be "en" or "ru"/],
      ['PUT', '/api/sites/test-lab/settings/bad-name', { value: 1 }, /must match pattern/],
      ['PUT', '/api/environments/test/settings/pin', { type: 'int', secret: true, value: 1234 }, /pin: only string settings can be secret/],
    ];
    for (const [method, url, payload, message] of cases) {
      const res = await admin(method as 'PUT', url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload).slice(0, 80)}`).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    const env = (await admin('GET', '/api/environments/test/settings')).json();
    expect(env.map((s: { name: string; value: unknown }) => [s.name, s.value])).toEqual([['retries', 2]]);
    expect((await admin('GET', '/api/sites/test-lab/settings')).json().values).toEqual([]);
    expect((await admin('PUT', '/api/environments/nowhere/settings/x', { type: 'int', value: 1 })).statusCode).toBe(404);
  });
});
