/**
 * Issue #14: an admin deploys a version to a site in the console, a paired terminal of that site
 * gets it through the terminal API, the admin rolls back in the console and the terminal gets
 * the earlier version; the console's audit log page shows the deploys and the rollback with the
 * admin's name (and the database holds exactly those entries for the process).
 */
import { expect, test } from './test.js';
import { login } from './helpers.js';
import { PASSWORD, useTerminalServer, type TerminalTestServer } from './terminal-server.js';

let server: TerminalTestServer;
const started = useTerminalServer({ examples: false });
test.beforeAll(async () => {
  server = started();
});

const KEY = 'console-deploy-e2e';

/** Publishes one version whose end node says `note` (another machine each time). */
async function publish(note: string): Promise<number> {
  const { admin } = server;
  const draft = await admin.call<{ revision: number; graph: { nodes: { kind: string; data: Record<string, unknown> }[] } }>('GET', `/api/processes/${KEY}`);
  draft.body.graph.nodes.find((n) => n.kind === 'end')!.data.text = { en: note };
  const saved = await admin.call<{ revision: number }>('PUT', `/api/processes/${KEY}/draft`, { graph: draft.body.graph, revision: draft.body.revision });
  const v = await admin.call<{ number: number }>('POST', `/api/processes/${KEY}/versions`, { revision: saved.body.revision, note });
  expect(v.status).toBe(201);
  return v.body.number;
}

test('deploy and roll back in the console; the terminal follows; the audit log names the admin', async ({ page }) => {
  const { admin, url } = server;
  await admin.call('POST', '/api/processes', { key: KEY, name: 'Console deploy e2e' });
  const v1 = await publish('first release');
  const v2 = await publish('second release');
  expect((await admin.call('POST', '/api/sites/test-lab/deployments', { processKey: KEY, versionNumber: v1 })).status).toBe(201);
  // A terminal of test-lab, paired with a one-time code.
  const code = await admin.call<{ code: string }>('POST', '/api/terminals/pairing-codes', { siteId: 'test-lab', name: 'e2e headset' });
  const paired = await (await fetch(`${url}/api/terminal/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.body.code }) })).json() as { token: string };
  const served = async () => {
    const res = await fetch(`${url}/api/terminal/v1/machines`, { headers: { authorization: `Bearer ${paired.token}` } });
    return ((await res.json()) as { processes: { processKey: string; versionNumber: number }[] }).processes.find((p) => p.processKey === KEY)?.versionNumber;
  };
  expect(await served()).toBe(v1);

  await login(page, 'admin', PASSWORD, url);
  await page.goto(`${url}/#/admin/deployments`);
  const cell = page.getByTestId(`deploy-cell-${KEY}-test-lab`);
  await expect(cell).toContainText(`v${v1}`);

  await page.getByTestId(`deploy-open-${KEY}-test-lab`).click();
  const dialog = page.getByTestId('deploy-dialog');
  await dialog.getByTestId('deploy-version').selectOption(String(v2));
  await expect(dialog.getByTestId('deploy-plan-change')).toContainText(`v${v1} → v${v2}`);
  await expect(dialog.getByTestId('deploy-plan-notes')).toContainText('second release');
  await dialog.getByTestId('deploy-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(cell).toContainText(`v${v2}`);
  await expect.poll(served).toBe(v2);

  await page.getByTestId(`rollback-open-${KEY}-test-lab`).click();
  const back = page.getByTestId('rollback-dialog');
  await expect(back.getByTestId('deploy-plan-change')).toContainText(`v${v2} → v${v1}`);
  await back.getByTestId('rollback-confirm').click();
  await expect(back).toHaveCount(0);
  await expect(cell).toContainText(`v${v1}`);
  await expect.poll(served).toBe(v1);

  await page.getByTestId(`history-open-${KEY}-test-lab`).click();
  await expect(page.getByTestId('deploy-history-row')).toHaveCount(3);
  await expect(page.getByTestId('deploy-history-row').first()).toContainText(/rollback/);

  await page.getByTestId('console-nav-audit').click();
  await page.getByTestId('audit-filter-target').fill(KEY);
  await page.getByTestId('audit-apply').click();
  const audit = page.getByTestId('audit-row');
  await expect(audit).toHaveCount(5);
  await expect(audit.first()).toContainText('deployment.rollback');
  await expect(audit.first()).toContainText('admin');
  await expect(audit.nth(1)).toContainText(`deployment.deploy`);
  await expect(audit.nth(1)).toContainText(`${KEY}@${v2} → test-lab`);
  await page.screenshot({ path: 'test-results/console-audit-after-rollback.png' });

  const { rows } = await server.db.query<{ action: string; actor: string; target: string }>(
    `SELECT action, actor, target FROM audit_log WHERE target LIKE $1 ORDER BY id`, [`${KEY}@%`]);
  expect(rows.map((r) => [r.action, r.actor, r.target])).toEqual([
    ['version.publish', 'admin', `${KEY}@${v1}`],
    ['version.publish', 'admin', `${KEY}@${v2}`],
    ['deployment.deploy', 'admin', `${KEY}@${v1} → test-lab`],
    ['deployment.deploy', 'admin', `${KEY}@${v2} → test-lab`],
    ['deployment.rollback', 'admin', `${KEY}@${v1} → test-lab`],
  ]);
});
