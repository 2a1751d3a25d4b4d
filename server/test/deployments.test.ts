import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { ADMIN_PASSWORD, BACKENDS, login, testApp } from './backends.js';
import { caller, publishVersions, servedVersion, terminalAt } from './deploy-helpers.js';

/** The console's deployments: the matrix, deploy and rollback with their plans, history, deploy rights. */
describe.each(BACKENDS)('deployments on %s', (backend) => {
  let app: VoicemanApp;
  let admin: ReturnType<typeof caller>;
  let adminCookie: string;
  beforeAll(async () => {
    app = await testApp(backend);
    adminCookie = await login(app, 'admin', ADMIN_PASSWORD);
    admin = caller(app, adminCookie);
  });
  afterAll(async () => app?.close());

  it('shows processes × sites by environment, with drift and the draft state', async () => {
    const [v1, v2] = await publishVersions(app, adminCookie, 'matrix-pick', ['first', 'second']);
    expect((await admin('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'matrix-pick', versionNumber: v1 })).status).toBe(201);
    expect((await admin('POST', '/api/sites/pilot-dc-2/deployments', { processKey: 'matrix-pick', versionNumber: v2 })).status).toBe(201);
    expect((await admin('POST', '/api/sites/dev-lab/deployments', { processKey: 'matrix-pick', versionNumber: v1 })).status).toBe(201);

    let m = (await admin('GET', '/api/deployments/matrix')).body;
    expect(m.environments.map((e: { name: string; mayDeploy: boolean }) => [e.name, e.mayDeploy])).toEqual([['development', true], ['test', true], ['production', true]]);
    expect(m.environments[2].sites.map((s: { id: string }) => s.id)).toEqual(['pilot-dc-1', 'pilot-dc-2']);
    let row = m.processes.find((p: { key: string }) => p.key === 'matrix-pick');
    expect(row).toMatchObject({ latestVersion: v2, draft: 'published' });
    // pilot-dc-1 is behind pilot-dc-2 in production; dev-lab is alone in development.
    expect(row.cells['pilot-dc-1']).toMatchObject({ versionNumber: v1, drift: true, deployedBy: 'admin', rollout: null });
    expect(row.cells['pilot-dc-2']).toMatchObject({ versionNumber: v2, drift: false });
    expect(row.cells['dev-lab']).toMatchObject({ versionNumber: v1, drift: false });
    expect(row.cells['test-lab']).toBeUndefined();

    // An unpublished change shows; a designer sees the matrix but may deploy nowhere.
    const { revision, graph: draft } = (await admin('GET', '/api/processes/matrix-pick')).body;
    draft.nodes.find((n: { kind: string }) => n.kind === 'end').data.text = { en: 'changed, not published' };
    expect((await admin('PUT', '/api/processes/matrix-pick/draft', { graph: draft, revision })).status).toBe(200);
    await admin('POST', '/api/users', { username: 'matrix-designer', password: 'designer-password', role: 'designer' });
    const designer = caller(app, await login(app, 'matrix-designer', 'designer-password'));
    m = (await designer('GET', '/api/deployments/matrix')).body;
    row = m.processes.find((p: { key: string }) => p.key === 'matrix-pick');
    expect(row.draft).toBe('changed');
    expect(m.environments.every((e: { mayDeploy: boolean }) => !e.mayDeploy)).toBe(true);
  });

  it('deploys and rolls back with a plan naming the change; the terminal follows at once; rollback walks back', async () => {
    const [v1, v2, v3] = await publishVersions(app, adminCookie, 'roll-pick', ['one', 'two', 'three']);
    const t = await terminalAt(app, adminCookie, 'test-lab');
    expect((await admin('GET', `/api/sites/test-lab/deployments/roll-pick/plan?versionNumber=${v1}`)).body).toMatchObject({
      siteId: 'test-lab', environment: 'test', from: null, to: { versionNumber: v1 }, notes: [{ number: v1, note: 'one', author: 'admin' }],
    });
    await admin('POST', '/api/sites/test-lab/deployments', { processKey: 'roll-pick', versionNumber: v1, expectedCurrent: null });
    expect(await servedVersion(app, t.auth, 'roll-pick')).toBe(v1);

    const plan = (await admin('GET', `/api/sites/test-lab/deployments/roll-pick/plan?versionNumber=${v3}`)).body;
    expect(plan.from.versionNumber).toBe(v1);
    expect(plan.notes.map((n: { note: string }) => n.note)).toEqual(['three', 'two']);
    // A stale confirmation (it saw nothing deployed) changes nothing.
    const stale = await admin('POST', '/api/sites/test-lab/deployments', { processKey: 'roll-pick', versionNumber: v3, expectedCurrent: null });
    expect([stale.status, stale.body.code, stale.body.current]).toEqual([409, 'deployment_changed', v1]);
    expect(await servedVersion(app, t.auth, 'roll-pick')).toBe(v1);

    await admin('POST', '/api/sites/test-lab/deployments', { processKey: 'roll-pick', versionNumber: v2, expectedCurrent: v1 });
    await admin('POST', '/api/sites/test-lab/deployments', { processKey: 'roll-pick', versionNumber: v3, expectedCurrent: v2 });
    // The terminal's cached rules are warm on v3: the rollback must reach it at once.
    expect(await servedVersion(app, t.auth, 'roll-pick')).toBe(v3);
    const back = (await admin('GET', '/api/sites/test-lab/deployments/roll-pick/plan?rollback=true')).body;
    expect([back.from.versionNumber, back.to.versionNumber, back.notes.map((n: { note: string }) => n.note)]).toEqual([v3, v2, ['three']]);
    const rb = await admin('POST', '/api/sites/test-lab/deployments/roll-pick/rollback', { expectedCurrent: v3 });
    expect([rb.status, rb.body.versionNumber]).toEqual([201, v2]);
    expect(await servedVersion(app, t.auth, 'roll-pick')).toBe(v2);
    // Again: one more step back (not forward to v3), then nothing left.
    expect((await admin('POST', '/api/sites/test-lab/deployments/roll-pick/rollback', {})).body.versionNumber).toBe(v1);
    expect(await servedVersion(app, t.auth, 'roll-pick')).toBe(v1);
    const none = await admin('POST', '/api/sites/test-lab/deployments/roll-pick/rollback', {});
    expect([none.status, none.body.code]).toEqual([409, 'nothing_to_roll_back']);

    const audited = await app.repos.audit.list({ target: 'roll-pick@' });
    expect(audited.slice(0, 2).map((e) => [e.action, e.actor, e.target, e.before, e.after])).toEqual([
      ['deployment.rollback', 'admin', `roll-pick@${v1} → test-lab`, { versionNumber: v2 }, { versionNumber: v1 }],
      ['deployment.rollback', 'admin', `roll-pick@${v2} → test-lab`, { versionNumber: v3 }, { versionNumber: v2 }],
    ]);
    // The refused (stale) deploy left no entry.
    expect(audited.filter((e) => e.action === 'deployment.deploy')).toHaveLength(3);
    const history = (await admin('GET', '/api/sites/test-lab/deployments/history?processKey=roll-pick')).body;
    expect(history.map((h: { kind: string; versionNumber: number; deployedBy: string }) => [h.kind, h.versionNumber, h.deployedBy])).toEqual([
      ['rollback', v1, 'admin'], ['rollback', v2, 'admin'], ['deploy', v3, 'admin'], ['deploy', v2, 'admin'], ['deploy', v1, 'admin'],
    ]);
  });

  it('deploy rights per environment: an admin of development and test cannot deploy to production', async () => {
    const [v1, v2] = await publishVersions(app, adminCookie, 'rights-pick', ['a', 'b']);
    const created = await admin('POST', '/api/users', { username: 'devops', password: 'devops-password', role: 'admin' });
    const devops = caller(app, await login(app, 'devops', 'devops-password'));
    // A new admin may deploy nowhere until granted.
    expect((await devops('POST', '/api/sites/dev-lab/deployments', { processKey: 'rights-pick', versionNumber: v1 })).body.code).toBe('no_deploy_right');
    const granted = await admin('PUT', `/api/deploy-rights/${created.body.id}`, { environments: ['development', 'test'] });
    expect([granted.status, granted.body.environments]).toEqual([200, ['development', 'test']]);

    expect((await devops('POST', '/api/sites/dev-lab/deployments', { processKey: 'rights-pick', versionNumber: v1 })).status).toBe(201);
    expect((await devops('POST', '/api/sites/dev-lab/deployments', { processKey: 'rights-pick', versionNumber: v2 })).status).toBe(201);
    expect((await devops('POST', '/api/sites/dev-lab/deployments/rights-pick/rollback', {})).status).toBe(201);
    await admin('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'rights-pick', versionNumber: v1 });
    const refused = [
      await devops('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'rights-pick', versionNumber: v2 }),
      await devops('POST', '/api/sites/pilot-dc-1/deployments/rights-pick/rollback', {}),
      await devops('DELETE', '/api/sites/pilot-dc-1/deployments/rights-pick'),
      await devops('POST', '/api/sites/pilot-dc-1/rollouts', { processKey: 'rights-pick', versionNumber: v2, operatorIds: ['op-1'] }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([403, 'no_deploy_right']));
    expect(refused[0]!.body.message).toContain('production');
    // Nothing changed in production, and devops cannot grant itself production.
    expect((await admin('GET', '/api/deployments/matrix')).body.processes.find((p: { key: string }) => p.key === 'rights-pick').cells['pilot-dc-1'].versionNumber).toBe(v1);
    const self = await devops('PUT', `/api/deploy-rights/${created.body.id}`, { environments: ['development', 'test', 'production'] });
    expect([self.status, self.body.code]).toEqual([403, 'no_deploy_right']);
    const m = (await devops('GET', '/api/deployments/matrix')).body;
    expect(m.environments.map((e: { mayDeploy: boolean }) => e.mayDeploy)).toEqual([true, true, false]);

    // The only admin who may deploy to production cannot give that up; a designer cannot be granted.
    const me = (await admin('GET', '/api/deploy-rights')).body.find((u: { username: string }) => u.username === 'admin');
    expect(me.environments).toEqual(['development', 'test', 'production']);
    const last = await admin('PUT', `/api/deploy-rights/${me.userId}`, { environments: ['development', 'test'] });
    expect([last.status, last.body.code]).toEqual([409, 'last_deployer']);
    const designer = await admin('POST', '/api/users', { username: 'rights-designer', password: 'designer-password', role: 'designer' });
    expect((await admin('PUT', `/api/deploy-rights/${designer.body.id}`, { environments: ['development'] })).body.code).toBe('not_admin');
    expect((await app.repos.audit.list({ action: 'rights.update', target: 'devops' })).map((e) => [e.actor, e.before, e.after])).toEqual([
      ['admin', { environments: [] }, { environments: ['development', 'test'] }],
    ]);
    // Revoking works and is enforced at once.
    await admin('PUT', `/api/deploy-rights/${created.body.id}`, { environments: ['test'] });
    expect((await devops('POST', '/api/sites/dev-lab/deployments', { processKey: 'rights-pick', versionNumber: v2 })).status).toBe(403);
  });

  it('refuses bad requests with a clear code and changes nothing', async () => {
    const [v1] = await publishVersions(app, adminCookie, 'bad-pick', ['x']);
    expect((await admin('GET', '/api/sites/dev-lab/deployments/bad-pick/plan')).body.code).toBe('invalid_request');
    expect((await admin('GET', '/api/sites/nowhere/deployments/bad-pick/plan?versionNumber=1')).status).toBe(404);
    expect((await admin('GET', '/api/sites/dev-lab/deployments/bad-pick/plan?versionNumber=99')).status).toBe(404);
    expect((await admin('POST', '/api/sites/dev-lab/deployments/bad-pick/rollback', {})).body.code).toBe('not_deployed');
    await admin('POST', '/api/sites/dev-lab/deployments', { processKey: 'bad-pick', versionNumber: v1 });
    expect((await admin('PUT', '/api/deploy-rights/999999', { environments: [] })).status).toBe(404);
    expect((await admin('PUT', '/api/deploy-rights/1', { environments: ['Bad!'] })).status).toBe(400);
    expect((await admin('GET', '/api/sites/dev-lab/deployments/history?processKey=bad-pick')).body).toHaveLength(1);
  });
});
