import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

/** Issue #13: the key rule in words, "nothing changed" on publish, undeploy, where a process runs. */
describe.each(BACKENDS)('publishing and deployments on %s', (backend) => {
  let app: VoicemanApp;
  let c: Awaited<ReturnType<typeof usersOfEveryRole>>;
  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  beforeAll(async () => {
    app = await testApp(backend);
    c = await usersOfEveryRole(app);
  });
  afterAll(async () => app?.close());

  it('refuses a bad process key with the rule in words, on create and in a URL', async () => {
    const created = await call(c.designer, 'POST', '/api/processes', { key: '1cold', name: 'Cold store' });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ code: 'invalid_key', pattern: '^[a-z][a-z0-9_-]{0,63}$' });
    expect(created.json().message).toMatch(/body\.key is not a valid process key: a process key starts with a lowercase letter/);
    expect(created.json().message).not.toMatch(/must match pattern/);
    const path = await call(c.tester, 'GET', '/api/processes/Cold');
    expect(path.json()).toMatchObject({ code: 'invalid_key', message: expect.stringMatching(/^params\.key is not a valid process key/) });
    expect((await call(c.designer, 'POST', '/api/processes', { key: 'cold-1', name: 'Cold store' })).statusCode).toBe(201);
  });

  it('says that nothing changed instead of publishing the same machine again, unless asked to', async () => {
    await call(c.designer, 'POST', '/api/processes', { key: 'same', name: 'Same' });
    const v1 = await call(c.admin, 'POST', '/api/processes/same/versions', { note: 'first', revision: 1 });
    expect(v1.statusCode).toBe(201);
    const again = await call(c.admin, 'POST', '/api/processes/same/versions', { note: 'again', revision: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'no_change', number: 1, hash: v1.json().hash, message: expect.stringContaining('nothing changed since version 1') });
    expect((await call(c.tester, 'GET', '/api/processes/same/versions')).json()).toHaveLength(1);
    const forced = await call(c.admin, 'POST', '/api/processes/same/versions', { note: 'again', revision: 1, allowSame: true });
    expect(forced.json()).toMatchObject({ number: 2, hash: v1.json().hash });
  });

  it('undeploys: the site stops running it, the history says so, the process can then be deleted', async () => {
    await call(c.designer, 'POST', '/api/processes', { key: 'gone', name: 'Gone' });
    expect((await call(c.admin, 'POST', '/api/processes/gone/versions', { revision: 1 })).statusCode).toBe(201);
    expect((await call(c.admin, 'POST', '/api/sites/dev-lab/deployments', { processKey: 'gone', versionNumber: 1 })).statusCode).toBe(201);
    expect((await call(c.admin, 'POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'gone', versionNumber: 1 })).statusCode).toBe(201);

    const listed = (await call(c.tester, 'GET', '/api/processes?q=gone')).json();
    expect(listed[0].deployments).toEqual([{ siteId: 'dev-lab', versionNumber: 1 }, { siteId: 'pilot-dc-1', versionNumber: 1 }]);

    const refused = await call(c.designer, 'DELETE', '/api/processes/gone');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'process_deployed', sites: ['dev-lab', 'pilot-dc-1'] });
    expect(refused.json().message).toMatch(/deployed at dev-lab, pilot-dc-1; undeploy it there first/);

    // Undeploying is an admin's act; a designer is refused.
    expect((await call(c.designer, 'DELETE', '/api/sites/dev-lab/deployments/gone')).statusCode).toBe(403);
    expect((await call(c.admin, 'DELETE', '/api/sites/dev-lab/deployments/gone')).statusCode).toBe(204);
    const twice = await call(c.admin, 'DELETE', '/api/sites/dev-lab/deployments/gone');
    expect([twice.statusCode, twice.json().code]).toEqual([404, 'not_deployed']);
    expect((await call(c.admin, 'DELETE', '/api/sites/nowhere/deployments/gone')).statusCode).toBe(404);

    const envs = (await call(c.tester, 'GET', '/api/environments')).json() as { sites: { id: string; deployments: { processKey: string }[] }[] }[];
    const site = (id: string) => envs.flatMap((e) => e.sites).find((s) => s.id === id)!;
    expect(site('dev-lab').deployments.map((d) => d.processKey)).not.toContain('gone');
    expect(site('pilot-dc-1').deployments.map((d) => d.processKey)).toContain('gone');
    const history = (await call(c.tester, 'GET', '/api/sites/dev-lab/deployments/history')).json();
    expect(history.filter((h: { processKey: string }) => h.processKey === 'gone')).toEqual([
      expect.objectContaining({ versionNumber: 1, undeployed: true, deployedBy: 'admin' }),
      expect.not.objectContaining({ undeployed: true }),
    ]);

    expect((await call(c.admin, 'DELETE', '/api/sites/pilot-dc-1/deployments/gone')).statusCode).toBe(204);
    expect((await call(c.tester, 'GET', '/api/processes?q=gone')).json()[0].deployments).toEqual([]);
    // Deploying again after an undeploy works as before.
    expect((await call(c.admin, 'POST', '/api/sites/dev-lab/deployments', { processKey: 'gone', versionNumber: 1 })).statusCode).toBe(201);
    expect((await call(c.tester, 'GET', '/api/processes?q=gone')).json()[0].deployments).toEqual([{ siteId: 'dev-lab', versionNumber: 1 }]);
    expect((await call(c.admin, 'DELETE', '/api/sites/dev-lab/deployments/gone')).statusCode).toBe(204);
    expect((await call(c.designer, 'DELETE', '/api/processes/gone')).statusCode).toBe(204);
  });

  it('marks subflows and who calls them in the process list', async () => {
    const at = { x: 0, y: 0 };
    const callee = {
      formatVersion: 1,
      process: { key: 'callee', name: 'Callee', languages: ['en'], variables: [{ name: 'qty', type: 'int', default: 0, input: true }], globalWords: [] },
      nodes: [{ id: 'start', kind: 'start', position: at, data: {} }, { id: 'end', kind: 'end', position: at, data: {} }],
      edges: [{ id: 'e1', source: 'start', outcome: 'next', target: 'end' }],
    };
    const caller = {
      ...callee,
      process: { key: 'caller', name: 'Caller', languages: ['en'], variables: [], globalWords: [] },
      nodes: [...callee.nodes, { id: 'sub', kind: 'subflow', position: at, data: { processKey: 'callee', inputs: { qty: '1' }, outputs: {} } }],
    };
    await call(c.designer, 'POST', '/api/processes', { key: 'callee', name: 'Callee', graph: callee });
    await call(c.designer, 'POST', '/api/processes', { key: 'caller', name: 'Caller', graph: caller });
    const list = (await call(c.tester, 'GET', '/api/processes?q=call')).json() as { key: string; subflow: boolean; calledBy: string[] }[];
    expect(list.map(({ key, subflow, calledBy }) => ({ key, subflow, calledBy }))).toEqual([
      { key: 'callee', subflow: true, calledBy: ['caller'] },
      { key: 'caller', subflow: false, calledBy: [] },
    ]);
    // An input variable alone (a site setting such as wmsUrl) does not make a process a subflow.
    const alone = { ...callee, process: { ...callee.process, key: 'alone', name: 'Alone' } };
    await call(c.designer, 'POST', '/api/processes', { key: 'alone', name: 'Alone', graph: alone });
    const listed = (await call(c.tester, 'GET', '/api/processes?q=alone')).json() as { key: string; subflow: boolean }[];
    expect(listed.map(({ key, subflow }) => ({ key, subflow }))).toEqual([{ key: 'alone', subflow: false }]);
  });
});
