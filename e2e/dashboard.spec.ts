/**
 * Dashboard and heatmap in the browser: two sessions of case-picking run by the real runtime on
 * the machine a terminal fetched (one with a word the first question does not know), logged
 * through the terminal API; the console's dashboard shows their figures and charts under the
 * CSP, and the editor's heatmap colours the node of the no-match.
 */
import { expect, test } from './test.js';
import { cspViolations, findNode, login, recordCspViolations } from './helpers.js';
import { useServer, type RunningServer } from './server.js';
import { runSession, type Delivered } from './terminal-session.js';

let server: RunningServer;
let noMatchState: string;


const started = useServer({ examples: true, password: 'dashboard-admin-password' });
test.beforeAll(async ({ playwright }) => {
  server = started();
  const api = await playwright.request.newContext();
  expect((await api.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: server.password } })).ok()).toBe(true);
  const t = await (await api.post(`${server.url}/api/terminals`, { data: { siteId: 'dev-lab', name: 'E2E dashboard' } })).json();
  const auth = { authorization: `Bearer ${t.token}` };
  const delivered = (await (await api.get(`${server.url}/api/terminal/v1/machines`, { headers: auth })).json()) as { processes: Delivered[] };
  const picking = delivered.processes.find((p) => p.processKey === 'case-picking')!;
  const events = [
    // Signed on (the sign-on subflow), then a word the first question of case-picking does not know.
    ...(await runSession(picking, t.id, ['four two seven', 'yes', 'banana', 'ready', 'ready', 'sign off', 'yes'])),
    ...(await runSession(picking, t.id, ['four two seven', 'yes', 'sign off', 'yes'])),
  ];
  // A node of case-picking's own canvas (a subflow's states carry its prefix).
  noMatchState = events.find((e) => e.type === 'nomatch' && !e.state!.includes('/'))!.state!;
  const res = await api.post(`${server.url}/api/terminal/v1/events`, { headers: auth, data: { events } });
  expect((await res.json()).rejected).toEqual([]);
  await api.dispose();
});

test("the dashboard charts a site's figures and the heatmap colours the node of a no-match", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await recordCspViolations(context);
  const page = await context.newPage();
  await login(page, 'admin', server.password, server.url);
  await page.goto(`${server.url}/#/admin/dashboard`);
  await page.getByTestId('dashboard-site').selectOption('dev-lab');
  await page.getByTestId('dashboard-process').selectOption('case-picking');
  await expect(page.getByTestId('dashboard-total-sessions')).toHaveText('2');
  await expect(page.getByTestId('dashboard-total-nomatch')).not.toHaveText('0 %');
  await expect(page.getByTestId('chart-recognition').locator('canvas')).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);

  await page.goto(`${server.url}/#/p/case-picking`);
  await page.getByTestId('heatmap-toggle').check();
  await findNode(page, noMatchState);
  // One no-match in at most three answers at that question: red (15 % and more).
  await expect(page.getByTestId(`node-${noMatchState}`)).toHaveAttribute('data-heat', 'high');
  await expect(page.getByTestId(`node-${noMatchState}`)).toHaveAttribute('title', /No match: (33|50) %/);
  await context.close();
});
