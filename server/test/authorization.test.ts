import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

type Principal = 'anonymous' | 'designer' | 'tester' | 'admin' | 'terminal';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const PRINCIPALS: Principal[] = ['anonymous', 'designer', 'tester', 'admin', 'terminal'];
const USERS: Principal[] = ['designer', 'tester', 'admin'];
const EDITORS: Principal[] = ['designer', 'admin'];
const ADMIN: Principal[] = ['admin'];
const TESTERS: Principal[] = ['tester', 'admin'];
const EVERYONE: Principal[] = PRINCIPALS;

/**
 * The authorization matrix: who may call each route. Every route in the OpenAPI document must
 * be listed here (checked below), so a new route cannot skip this table.
 * `bad` is a body (or query) each route must refuse with 400.
 */
const MATRIX: { method: Method; url: string; openapi: string; allowed: Principal[]; bad?: { payload?: unknown; url?: string; code?: string } }[] = [
  { method: 'POST', url: '/api/auth/login', openapi: '/api/auth/login', allowed: EVERYONE, bad: { payload: { username: 'admin' } } },
  { method: 'POST', url: '/api/auth/logout', openapi: '/api/auth/logout', allowed: USERS },
  { method: 'GET', url: '/api/auth/me', openapi: '/api/auth/me', allowed: USERS },
  { method: 'PUT', url: '/api/auth/password', openapi: '/api/auth/password', allowed: USERS, bad: { payload: { currentPassword: 'x', newPassword: 'short' } } },
  { method: 'GET', url: '/api/processes', openapi: '/api/processes', allowed: USERS, bad: { url: `/api/processes?q=${'x'.repeat(300)}` } },
  { method: 'POST', url: '/api/processes', openapi: '/api/processes', allowed: EDITORS, bad: { payload: { key: 'Bad Key!', name: 'x' }, code: 'invalid_key' } },
  { method: 'GET', url: '/api/processes/nope', openapi: '/api/processes/{key}', allowed: USERS, bad: { url: '/api/processes/BAD%20KEY', code: 'invalid_key' } },
  { method: 'PUT', url: '/api/processes/nope/draft', openapi: '/api/processes/{key}/draft', allowed: EDITORS, bad: { payload: { graph: { formatVersion: 2 }, revision: 1 } } },
  { method: 'PATCH', url: '/api/processes/nope', openapi: '/api/processes/{key}', allowed: EDITORS, bad: { payload: { name: '' } } },
  { method: 'POST', url: '/api/processes/nope/duplicate', openapi: '/api/processes/{key}/duplicate', allowed: EDITORS, bad: { payload: { key: 'x' } } },
  { method: 'DELETE', url: '/api/processes/nope', openapi: '/api/processes/{key}', allowed: EDITORS, bad: { url: '/api/processes/_bad', code: 'invalid_key' } },
  { method: 'POST', url: '/api/processes/nope/validate', openapi: '/api/processes/{key}/validate', allowed: USERS, bad: { url: '/api/processes/-/validate', code: 'invalid_key' } },
  { method: 'POST', url: '/api/processes/nope/versions', openapi: '/api/processes/{key}/versions', allowed: ADMIN, bad: { payload: { note: 'no revision' } } },
  { method: 'GET', url: '/api/processes/nope/versions', openapi: '/api/processes/{key}/versions', allowed: USERS, bad: { url: '/api/processes/UP/versions', code: 'invalid_key' } },
  { method: 'GET', url: '/api/processes/nope/versions/1', openapi: '/api/processes/{key}/versions/{number}', allowed: USERS, bad: { url: '/api/processes/nope/versions/zero' } },
  { method: 'GET', url: '/api/environments', openapi: '/api/environments', allowed: USERS },
  { method: 'POST', url: '/api/sites/nowhere/deployments', openapi: '/api/sites/{siteId}/deployments', allowed: ADMIN, bad: { payload: { processKey: 'x', versionNumber: 0 } } },
  { method: 'DELETE', url: '/api/sites/nowhere/deployments/nope', openapi: '/api/sites/{siteId}/deployments/{processKey}', allowed: ADMIN, bad: { url: '/api/sites/dev-lab/deployments/1cold', code: 'invalid_key' } },
  { method: 'GET', url: '/api/sites/nowhere/deployments/history', openapi: '/api/sites/{siteId}/deployments/history', allowed: USERS, bad: { url: '/api/sites/NO_WAY/deployments/history' } },
  { method: 'GET', url: '/api/deployments/matrix', openapi: '/api/deployments/matrix', allowed: USERS },
  { method: 'GET', url: '/api/sites/dev-lab/deployments/nope/plan?versionNumber=1', openapi: '/api/sites/{siteId}/deployments/{processKey}/plan', allowed: ADMIN, bad: { url: '/api/sites/dev-lab/deployments/nope/plan?versionNumber=0' } },
  { method: 'POST', url: '/api/sites/dev-lab/deployments/nope/rollback', openapi: '/api/sites/{siteId}/deployments/{processKey}/rollback', allowed: ADMIN, bad: { payload: { expectedCurrent: 0 } } },
  { method: 'GET', url: '/api/sites/dev-lab/rollouts', openapi: '/api/sites/{siteId}/rollouts', allowed: USERS, bad: { url: '/api/sites/dev-lab/rollouts?processKey=BAD!', code: 'invalid_key' } },
  { method: 'POST', url: '/api/sites/dev-lab/rollouts', openapi: '/api/sites/{siteId}/rollouts', allowed: ADMIN, bad: { payload: { processKey: 'x', versionNumber: 1, operatorIds: ['op'], thresholds: { errorRate: 2 } } } },
  { method: 'GET', url: '/api/rollouts/1', openapi: '/api/rollouts/{id}', allowed: USERS, bad: { url: '/api/rollouts/zero' } },
  { method: 'POST', url: '/api/rollouts/1/promote', openapi: '/api/rollouts/{id}/promote', allowed: ADMIN, bad: { url: '/api/rollouts/0/promote' } },
  { method: 'POST', url: '/api/rollouts/1/rollback', openapi: '/api/rollouts/{id}/rollback', allowed: ADMIN, bad: { url: '/api/rollouts/-1/rollback' } },
  { method: 'POST', url: '/api/rollouts/1/check', openapi: '/api/rollouts/{id}/check', allowed: ADMIN, bad: { url: '/api/rollouts/x/check' } },
  { method: 'GET', url: '/api/deploy-rights', openapi: '/api/deploy-rights', allowed: ADMIN },
  { method: 'PUT', url: '/api/deploy-rights/999999', openapi: '/api/deploy-rights/{userId}', allowed: ADMIN, bad: { payload: { environments: ['Prod!'] } } },
  { method: 'GET', url: '/api/environments/development/settings', openapi: '/api/environments/{environment}/settings', allowed: USERS, bad: { url: '/api/environments/NO_WAY/settings' } },
  { method: 'PUT', url: '/api/environments/development/settings/matrixSetting', openapi: '/api/environments/{environment}/settings/{name}', allowed: ADMIN, bad: { payload: { type: 'float', value: 1 } } },
  { method: 'DELETE', url: '/api/environments/development/settings/matrixSetting', openapi: '/api/environments/{environment}/settings/{name}', allowed: ADMIN, bad: { url: '/api/environments/development/settings/bad-name!' } },
  { method: 'GET', url: '/api/sites/dev-lab/settings', openapi: '/api/sites/{siteId}/settings', allowed: USERS, bad: { url: '/api/sites/NO_WAY/settings' } },
  { method: 'PUT', url: '/api/sites/dev-lab/settings/matrixSetting', openapi: '/api/sites/{siteId}/settings/{name}', allowed: ADMIN, bad: { payload: { value: 1, extra: true } } },
  { method: 'DELETE', url: '/api/sites/dev-lab/settings/matrixSetting', openapi: '/api/sites/{siteId}/settings/{name}', allowed: ADMIN, bad: { url: '/api/sites/dev-lab/settings/runtime.' } },
  { method: 'GET', url: '/api/settings/revisions', openapi: '/api/settings/revisions', allowed: USERS, bad: { url: '/api/settings/revisions?limit=0' } },
  { method: 'GET', url: '/api/sites/dev-lab/effective-settings', openapi: '/api/sites/{siteId}/effective-settings', allowed: USERS, bad: { url: '/api/sites/dev-lab/effective-settings?version=zero' } },
  { method: 'GET', url: '/api/environments/development/effective-settings', openapi: '/api/environments/{environment}/effective-settings', allowed: USERS, bad: { url: '/api/environments/development/effective-settings?processKey=BAD!', code: 'invalid_key' } },
  { method: 'GET', url: '/api/reference/nothing', openapi: '/api/reference/{name}', allowed: USERS, bad: { url: '/api/reference/Bad!' } },
  { method: 'PUT', url: '/api/reference/matrix', openapi: '/api/reference/{name}', allowed: ADMIN, bad: { payload: { rows: [{ key: 'k' }] } } },
  { method: 'GET', url: '/api/users', openapi: '/api/users', allowed: ADMIN },
  { method: 'POST', url: '/api/users', openapi: '/api/users', allowed: ADMIN, bad: { payload: { username: 'x', password: 'short', role: 'king' } } },
  { method: 'GET', url: '/api/terminals', openapi: '/api/terminals', allowed: ADMIN },
  { method: 'POST', url: '/api/terminals', openapi: '/api/terminals', allowed: ADMIN, bad: { payload: { siteId: 'dev-lab' } } },
  { method: 'DELETE', url: '/api/terminals/nobody', openapi: '/api/terminals/{id}', allowed: ADMIN },
  { method: 'POST', url: '/api/terminals/nobody/token', openapi: '/api/terminals/{id}/token', allowed: ADMIN, bad: { payload: { graceSeconds: -1 } } },
  { method: 'GET', url: '/api/terminal/v1/machines', openapi: '/api/terminal/v1/machines', allowed: ['terminal'] },
  { method: 'POST', url: '/api/terminal/v1/events', openapi: '/api/terminal/v1/events', allowed: ['terminal'], bad: { payload: { batch: [] } } },
  { method: 'POST', url: '/api/terminal/v1/token', openapi: '/api/terminal/v1/token', allowed: ['terminal'] },
  { method: 'POST', url: '/api/terminal/v1/heartbeat', openapi: '/api/terminal/v1/heartbeat', allowed: ['terminal'], bad: { payload: { shellVersion: '1', runtimeVersion: '1', machines: [], queue: { backlog: -1, rejected: 0 } } } },
  { method: 'POST', url: '/api/terminals/nobody/token', openapi: '/api/terminals/{id}/token', allowed: ADMIN, bad: { payload: { graceSeconds: -1 } } },
  { method: 'POST', url: '/api/terminal/v1/token', openapi: '/api/terminal/v1/token', allowed: ['terminal'] },
  { method: 'POST', url: '/api/terminals/pairing-codes', openapi: '/api/terminals/pairing-codes', allowed: ADMIN, bad: { payload: { siteId: 'dev-lab' } } },
  { method: 'POST', url: '/api/terminal/v1/pair', openapi: '/api/terminal/v1/pair', allowed: EVERYONE, bad: { payload: { code: '', device: { model: 1 } } } },
  { method: 'POST', url: '/api/shell-releases', openapi: '/api/shell-releases', allowed: ADMIN, bad: { payload: { kind: 'zip', version: '1.0.0', base64: 'AA==' } } },
  { method: 'GET', url: '/api/shell-releases', openapi: '/api/shell-releases', allowed: ADMIN },
  { method: 'GET', url: '/api/terminal/v1/shell-releases/1/download', openapi: '/api/terminal/v1/shell-releases/{id}/download', allowed: ['terminal'], bad: { url: '/api/terminal/v1/shell-releases/zero/download' } },
  { method: 'GET', url: '/api/operators', openapi: '/api/operators', allowed: ADMIN, bad: { url: '/api/operators?siteId=NOT_A_SITE!' } },
  { method: 'GET', url: '/api/terminal/v1/operators/op-1/settings', openapi: '/api/terminal/v1/operators/{operatorId}/settings', allowed: ['terminal'], bad: { url: '/api/terminal/v1/operators/bad%20id/settings' } },
  { method: 'PUT', url: '/api/terminal/v1/operators/op-1/settings', openapi: '/api/terminal/v1/operators/{operatorId}/settings', allowed: ['terminal'], bad: { payload: { rate: 100, pitch: 1, volume: 1 } } },
  { method: 'GET', url: '/history', openapi: '/history', allowed: USERS, bad: { url: '/history?page=0' } },
  { method: 'GET', url: '/history/sessions/none', openapi: '/history/sessions/{sessionId}', allowed: USERS },
  { method: 'POST', url: '/api/simulations', openapi: '/api/simulations', allowed: USERS, bad: { payload: { processKey: 'case-picking', version: 'latest' } } },
  { method: 'GET', url: '/api/simulations/00000000-0000-4000-8000-000000000000', openapi: '/api/simulations/{id}', allowed: USERS, bad: { url: '/api/simulations/not-a-uuid' } },
  { method: 'POST', url: '/api/simulations/00000000-0000-4000-8000-000000000000/input', openapi: '/api/simulations/{id}/input', allowed: USERS, bad: { payload: { kind: 'speech' } } },
  { method: 'POST', url: '/api/simulations/00000000-0000-4000-8000-000000000000/back', openapi: '/api/simulations/{id}/back', allowed: USERS, bad: { payload: { toStep: -1 } } },
  { method: 'POST', url: '/api/simulations/00000000-0000-4000-8000-000000000000/restart', openapi: '/api/simulations/{id}/restart', allowed: USERS, bad: { url: '/api/simulations/x/restart' } },
  { method: 'DELETE', url: '/api/simulations/00000000-0000-4000-8000-000000000000', openapi: '/api/simulations/{id}', allowed: USERS, bad: { url: '/api/simulations/x' } },
  { method: 'POST', url: '/api/replays', openapi: '/api/replays', allowed: TESTERS, bad: { payload: { filter: { processKey: 'x', limit: 5001 }, target: 'draft' } } },
  { method: 'GET', url: '/api/replays/00000000-0000-4000-8000-000000000000', openapi: '/api/replays/{id}', allowed: TESTERS, bad: { url: '/api/replays/not-a-uuid' } },
  { method: 'GET', url: '/api/replays/00000000-0000-4000-8000-000000000000/sessions/s-1', openapi: '/api/replays/{id}/sessions/{sessionId}', allowed: TESTERS, bad: { url: '/api/replays/x/sessions/s-1' } },
  { method: 'GET', url: '/api/sessions/none/steps', openapi: '/api/sessions/{sessionId}/steps', allowed: USERS, bad: { url: `/api/sessions/${'x'.repeat(300)}/steps` } },
  { method: 'GET', url: '/api/environments/development/wms-bases', openapi: '/api/environments/{id}/wms-bases', allowed: ADMIN, bad: { url: '/api/environments/Bad!/wms-bases' } },
  { method: 'PUT', url: '/api/environments/development/wms-bases', openapi: '/api/environments/{id}/wms-bases', allowed: ADMIN, bad: { payload: { bases: [{ url: 'http://wms.example/' }] } } },
  { method: 'POST', url: '/api/simulator/wms', openapi: '/api/simulator/wms', allowed: USERS, bad: { payload: { request: { method: 'TRACE', url: 'http://x/' } } } },
  { method: 'GET', url: '/api/processes/nope/scenarios', openapi: '/api/processes/{key}/scenarios', allowed: USERS, bad: { url: '/api/processes/NOPE/scenarios', code: 'invalid_key' } },
  { method: 'POST', url: '/api/processes/nope/scenarios', openapi: '/api/processes/{key}/scenarios', allowed: USERS, bad: { payload: { scenario: 'not an object' } } },
  { method: 'POST', url: '/api/processes/nope/scenarios/import', openapi: '/api/processes/{key}/scenarios/import', allowed: USERS, bad: { payload: { scenarios: {} } } },
  { method: 'GET', url: '/api/processes/nope/scenarios/00000000-0000-4000-8000-000000000000', openapi: '/api/processes/{key}/scenarios/{id}', allowed: USERS, bad: { url: '/api/processes/nope/scenarios/not-a-uuid' } },
  { method: 'PUT', url: '/api/processes/nope/scenarios/00000000-0000-4000-8000-000000000000', openapi: '/api/processes/{key}/scenarios/{id}', allowed: USERS, bad: { payload: { scenario: {}, extra: true } } },
  { method: 'DELETE', url: '/api/processes/nope/scenarios/00000000-0000-4000-8000-000000000000', openapi: '/api/processes/{key}/scenarios/{id}', allowed: USERS, bad: { url: '/api/processes/nope/scenarios/1' } },
  { method: 'POST', url: '/api/processes/nope/scenario-runs', openapi: '/api/processes/{key}/scenario-runs', allowed: USERS, bad: { payload: { target: 'latest' } } },
  { method: 'GET', url: '/api/processes/nope/scenario-runs', openapi: '/api/processes/{key}/scenario-runs', allowed: USERS, bad: { url: '/api/processes/nope/scenario-runs?limit=0' } },
  { method: 'GET', url: '/api/scenario-runs/00000000-0000-4000-8000-000000000000', openapi: '/api/scenario-runs/{id}', allowed: USERS, bad: { url: '/api/scenario-runs/x' } },
  { method: 'POST', url: '/api/scenario-runs/nightly', openapi: '/api/scenario-runs/nightly', allowed: ADMIN },
  // The admin console's users, fleet, reference tables and audit log (console-admin). User 999999 does not exist: an
  // allowed caller gets 404, and the matrix's own admin session is never ended or disabled.
  { method: 'PATCH', url: '/api/users/999999', openapi: '/api/users/{id}', allowed: ADMIN, bad: { payload: { role: 'king' } } },
  { method: 'POST', url: '/api/users/999999/disable', openapi: '/api/users/{id}/disable', allowed: ADMIN, bad: { url: '/api/users/zero/disable' } },
  { method: 'POST', url: '/api/users/999999/enable', openapi: '/api/users/{id}/enable', allowed: ADMIN, bad: { url: '/api/users/0/enable' } },
  { method: 'POST', url: '/api/users/999999/password-reset', openapi: '/api/users/{id}/password-reset', allowed: ADMIN, bad: { url: '/api/users/x/password-reset' } },
  { method: 'GET', url: '/api/users/999999/sessions', openapi: '/api/users/{id}/sessions', allowed: ADMIN, bad: { url: '/api/users/-1/sessions' } },
  { method: 'DELETE', url: '/api/users/999999/sessions', openapi: '/api/users/{id}/sessions', allowed: ADMIN, bad: { url: '/api/users/zero/sessions' } },
  { method: 'DELETE', url: '/api/users/999999/sessions/0123456789abcdef', openapi: '/api/users/{id}/sessions/{sessionId}', allowed: ADMIN, bad: { url: '/api/users/999999/sessions/XYZ' } },
  { method: 'GET', url: '/api/fleet', openapi: '/api/fleet', allowed: ADMIN, bad: { url: '/api/fleet?siteId=BAD!' } },
  { method: 'PATCH', url: '/api/terminals/nobody', openapi: '/api/terminals/{id}', allowed: ADMIN, bad: { payload: { name: '' } } },
  { method: 'GET', url: '/api/reference', openapi: '/api/reference', allowed: USERS },
  { method: 'GET', url: '/api/reference/nothing/revisions', openapi: '/api/reference/{name}/revisions', allowed: USERS, bad: { url: '/api/reference/Bad!/revisions' } },
  { method: 'GET', url: '/api/reference/nothing/revisions/1', openapi: '/api/reference/{name}/revisions/{revision}', allowed: USERS, bad: { url: '/api/reference/nothing/revisions/zero' } },
  { method: 'GET', url: '/api/reference/nothing/csv', openapi: '/api/reference/{name}/csv', allowed: USERS, bad: { url: '/api/reference/nothing/csv?revision=0' } },
  { method: 'POST', url: '/api/reference/matrix/import', openapi: '/api/reference/{name}/import', allowed: ADMIN, bad: { payload: { dryRun: true } } },
  { method: 'GET', url: '/api/audit', openapi: '/api/audit', allowed: ADMIN, bad: { url: '/api/audit?limit=0' } },
  { method: 'GET', url: '/api/audit/csv', openapi: '/api/audit/csv', allowed: ADMIN, bad: { url: '/api/audit/csv?from=yesterday' } },
  { method: 'GET', url: '/api/packages/installation', openapi: '/api/packages/installation', allowed: ADMIN },
  { method: 'PUT', url: '/api/packages/installation', openapi: '/api/packages/installation', allowed: ADMIN, bad: { payload: { requireSignature: 'yes' } } },
  { method: 'GET', url: '/api/packages/trusted-keys', openapi: '/api/packages/trusted-keys', allowed: ADMIN },
  { method: 'POST', url: '/api/packages/trusted-keys', openapi: '/api/packages/trusted-keys', allowed: ADMIN, bad: { payload: { name: 'x', publicKey: 'not-a-key' }, code: 'invalid_public_key' } },
  { method: 'DELETE', url: '/api/packages/trusted-keys/999', openapi: '/api/packages/trusted-keys/{id}', allowed: ADMIN, bad: { url: '/api/packages/trusted-keys/zero' } },
  { method: 'POST', url: '/api/packages/export', openapi: '/api/packages/export', allowed: ADMIN, bad: { payload: { versions: [] } } },
  { method: 'POST', url: '/api/packages/dry-run', openapi: '/api/packages/dry-run', allowed: ADMIN, bad: { payload: { package: { manifest: {}, items: [] } }, code: 'invalid_package' } },
  { method: 'POST', url: '/api/packages/import', openapi: '/api/packages/import', allowed: ADMIN, bad: { payload: { package: 'a string' } } },
  { method: 'GET', url: '/api/dashboard/summary?siteId=dev-lab&from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z', openapi: '/api/dashboard/summary', allowed: USERS, bad: { url: '/api/dashboard/summary?siteId=dev-lab&from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&bucket=week' } },
  { method: 'GET', url: '/api/dashboard/nodes?processKey=nope&from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z', openapi: '/api/dashboard/nodes', allowed: USERS, bad: { url: '/api/dashboard/nodes?processKey=nope&from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z', code: 'invalid_period' } },
  { method: 'GET', url: '/healthz', openapi: '/healthz', allowed: EVERYONE },
];

describe.each(BACKENDS)('authorization matrix on %s', (backend) => {
  let app: VoicemanApp;
  let headers: Record<Principal, Record<string, string>>;
  beforeAll(async () => {
    // Shell releases take large uploads: a 1 MiB cap here keeps their oversize case small.
    app = await testApp(backend, { shellReleaseMaxBytes: 1024 * 1024 });
    const c = await usersOfEveryRole(app);
    const t = await app.inject({ method: 'POST', url: '/api/terminals', headers: { cookie: c.admin }, payload: { siteId: 'dev-lab', name: 'matrix' } });
    headers = {
      anonymous: {},
      designer: { cookie: c.designer },
      tester: { cookie: c.tester },
      admin: { cookie: c.admin },
      terminal: { authorization: `Bearer ${t.json().token}` },
    };
  });
  afterAll(async () => app?.close());

  it('covers every route of the OpenAPI document', async () => {
    const spec = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const listed = new Set(MATRIX.map((r) => `${r.method} ${r.openapi}`));
    expect(documented.filter((d) => !listed.has(d) && !d.startsWith('HEAD '))).toEqual([]);
  });

  const cases = MATRIX.flatMap((route) => PRINCIPALS.map((who) => ({ ...route, who })));
  it.each(cases)('$method $url as $who', async ({ method, url, allowed, who }) => {
    // Logging out would end the shared session, rotating the token would retire the shared one.
    const h = url === '/api/auth/logout' && who !== 'anonymous' && who !== 'terminal' ? await freshSession(app, who)
      : url === '/api/terminal/v1/token' && who === 'terminal' ? await freshTerminal(app, headers.admin!)
      : headers[who];
    const res = await app.inject({ method, url, headers: h, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
    if (allowed.includes(who)) {
      expect([401, 403]).not.toContain(res.statusCode);
      // Allowed callers with an empty or made-up request get a 4xx at worst, never a crash.
      expect(res.statusCode, res.body).toBeLessThan(500);
    } else if (url.startsWith('/history')) {
      expect(res.statusCode).toBe(302);
    } else {
      expect(res.statusCode).toBe(who === 'anonymous' || who === 'terminal' || allowed.includes('terminal') ? 401 : 403);
      expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  });

  const badCases = MATRIX.filter((r) => r.bad).map((r) => ({ ...r, who: r.allowed[r.allowed.length - 1]! }));
  it.each(badCases)('bad request to $method $openapi → 400 JSON', async ({ method, url, bad, who }) => {
    const res = await app.inject({ method, url: bad!.url ?? url, headers: headers[who], ...(bad!.payload !== undefined ? { payload: bad!.payload as object } : {}) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: bad!.code ?? 'invalid_request', message: expect.any(String) });
  });

  /**
   * Per-environment deploy rights: an admin granted development only is refused (403
   * `no_deploy_right`) by every route that changes what a production site runs, and reaches
   * the same routes for a development site.
   */
  it('every deploy, rollback, undeploy and rollout route checks the deploy right of the site\'s environment', async () => {
    const { caller, publishVersions } = await import('./deploy-helpers.js');
    const { login } = await import('./backends.js');
    const admin = caller(app, headers.admin.cookie!);
    const [v1, v2] = await publishVersions(app, headers.admin.cookie!, 'rights-matrix', ['one', 'two']);
    for (const site of ['dev-lab', 'pilot-dc-1']) await admin('POST', `/api/sites/${site}/deployments`, { processKey: 'rights-matrix', versionNumber: v1 });
    const rollouts: Record<string, number> = {};
    for (const site of ['dev-lab', 'pilot-dc-1']) {
      rollouts[site] = (await admin('POST', `/api/sites/${site}/rollouts`, { processKey: 'rights-matrix', versionNumber: v2, operatorIds: ['op-x'] })).body.id;
    }
    const user = (await admin('POST', '/api/users', { username: 'dev-admin', password: 'dev-admin-password', role: 'admin' })).body as { id: number };
    expect((await admin('PUT', `/api/deploy-rights/${user.id}`, { environments: ['development'] })).status).toBe(200);
    const limited = caller(app, await login(app, 'dev-admin', 'dev-admin-password'));
    const routes = (site: string): [string, string, unknown?][] => [
      ['POST', `/api/sites/${site}/deployments`, { processKey: 'rights-matrix', versionNumber: v2 }],
      ['POST', `/api/sites/${site}/deployments/rights-matrix/rollback`, {}],
      ['DELETE', `/api/sites/${site}/deployments/rights-matrix`],
      ['POST', `/api/sites/${site}/rollouts`, { processKey: 'rights-matrix', versionNumber: v2, operatorIds: ['op-y'] }],
      ['POST', `/api/rollouts/${rollouts[site]}/check`],
      ['POST', `/api/rollouts/${rollouts[site]}/rollback`],
      ['POST', `/api/rollouts/${rollouts[site]}/promote`],
    ];
    for (const [method, url, body] of routes('pilot-dc-1')) {
      const res = await limited(method as 'POST', url, body);
      expect([url, res.status, res.body.code]).toEqual([url, 403, 'no_deploy_right']);
    }
    for (const [method, url, body] of routes('dev-lab')) {
      const res = await limited(method as 'POST', url, body);
      expect([url, res.status]).not.toEqual([url, 403]);
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    }
    // The rights page itself: only environments the caller may deploy to can be granted or revoked.
    expect((await limited('PUT', `/api/deploy-rights/${user.id}`, { environments: ['development', 'production'] })).body.code).toBe('no_deploy_right');
  });

  /**
   * Callers that must count as nobody: a revoked or expired terminal token, an expired browser
   * session, a forged cookie. Every route answers them as it answers an anonymous caller.
   */
  describe('stale and forged credentials', () => {
    let stale: Record<string, Record<string, string>>;
    beforeAll(async () => {
      const admin = headers.admin;
      const register = async () => (await app.inject({ method: 'POST', url: '/api/terminals', headers: admin, payload: { siteId: 'pilot-dc-2', name: 'stale' } })).json() as { id: string; token: string };
      const revoked = await register();
      await app.inject({ method: 'DELETE', url: `/api/terminals/${revoked.id}`, headers: admin });
      const expired = await register();
      await app.db.query(`UPDATE terminals SET token_issued_at = now() - interval '400 days' WHERE id = $1`, [expired.id]);
      const { login, ADMIN_PASSWORD } = await import('./backends.js');
      const session = await login(app, 'admin', ADMIN_PASSWORD);
      const { hashToken } = await import('../src/auth/password.js');
      await app.db.query(`UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashToken(session.replace('vm_session=', ''))]);
      stale = {
        'revoked terminal': { authorization: `Bearer ${revoked.token}` },
        'expired terminal': { authorization: `Bearer ${expired.token}` },
        'expired session': { cookie: session },
        'forged cookie': { cookie: `vm_session=${'A'.repeat(43)}` },
        'a terminal token as cookie': { cookie: `vm_session=${headers.terminal.authorization!.slice(7)}` },
      };
    });

    const staleCases = MATRIX.flatMap((route) => ['revoked terminal', 'expired terminal', 'expired session', 'forged cookie', 'a terminal token as cookie'].map((as) => ({ ...route, as })));
    it.each(staleCases)('$method $url with a $as', async ({ method, url, allowed, as }) => {
      const res = await app.inject({ method, url, headers: stale[as], ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
      if (allowed === EVERYONE) expect(res.statusCode).toBeLessThan(500);
      else if (url.startsWith('/history')) expect(res.statusCode).toBe(302);
      else {
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe(as === 'expired terminal' && allowed.includes('terminal') ? 'token_expired' : 'unauthenticated');
      }
    });

    const bodyRoutes = MATRIX.filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && r.allowed !== EVERYONE);
    it.each(bodyRoutes)('an oversize body to $method $openapi is 413 body_too_large, for its allowed caller', async ({ method, url, allowed }) => {
      const who = allowed.includes('terminal') ? 'terminal' : allowed[allowed.length - 1]!;
      const size = url === '/api/terminal/v1/events' ? 1024 * 1024 + 1 : url === '/api/shell-releases' ? 2 * 1024 * 1024
        : url.endsWith('/scenarios/import') || url.endsWith('/reference/matrix/import') ? 8 * 1024 * 1024 + 1
        : url === '/api/packages/import' || url === '/api/packages/dry-run' ? 16 * 1024 * 1024 + 1 : 4 * 1024 * 1024 + 1;
      const res = await app.inject({ method, url, headers: { ...headers[who], 'content-type': 'application/json' }, payload: `{"x":"${'x'.repeat(size)}"}` });
      expect([res.statusCode, res.json().code]).toEqual([413, 'body_too_large']);
    });

    it("another site's terminal cannot write into this terminal's session, nor log a process its site never had", async () => {
      const { deployedTerminal, eventFor } = await import('./backends.js');
      const here = await deployedTerminal(app, headers.admin.cookie!, 'pilot-dc-1', 'authz-here');
      const there = await deployedTerminal(app, headers.admin.cookie!, 'pilot-dc-2', 'authz-there');
      const own = eventFor(here, { sessionId: 'authz-session', type: 'session.start', data: {} });
      expect((await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: here.auth, payload: { events: [own] } })).json().stored).toEqual([own.id]);
      const intrude = eventFor(there, { sessionId: 'authz-session', seq: 1 });
      const foreign = eventFor(there, { processKey: here.processKey, versionHash: here.versionHash });
      const res = (await app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: there.auth, payload: { events: [intrude, foreign] } })).json();
      expect(res.rejected.map((r: { code: string }) => r.code).sort()).toEqual(['not_deployed', 'session_not_yours']);
    });
  });

  it('malformed JSON is a 400 JSON error', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/processes', headers: { ...headers.admin, 'content-type': 'application/json' }, payload: '{"key":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBeTypeOf('string');
  });
});

async function freshSession(app: VoicemanApp, who: Principal) {
  const { login, ADMIN_PASSWORD } = await import('./backends.js');
  return { cookie: await login(app, who, who === 'admin' ? ADMIN_PASSWORD : `${who}-password`) };
}

async function freshTerminal(app: VoicemanApp, admin: Record<string, string>) {
  const t = await app.inject({ method: 'POST', url: '/api/terminals', headers: admin, payload: { siteId: 'dev-lab', name: 'matrix-rotate' } });
  return { authorization: `Bearer ${t.json().token}` };
}
