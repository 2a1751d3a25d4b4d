/**
 * Replay in the browser: sessions run by the real runtime on the machine a terminal fetched,
 * against the server's mock WMS, logged through the terminal API; a designer changes one
 * prompt in the draft; a tester starts a replay from the history page, sees the totals and the
 * diverged session, opens its comparison side by side, and the original session on the canvas.
 */
import { expect, test, type APIRequestContext } from './test.js';
import { login } from './helpers.js';
import { useServer, type RunningServer } from './server.js';
import { runSession, type Delivered } from './terminal-session.js';

let server: RunningServer;
const tester = { username: 'rita', password: 'tester-password-1' };
const toFirstSlot = ['four two seven', 'yes', 'ready', 'ready'];

async function as(api: APIRequestContext, username: string, password: string) {
  expect((await api.post(`${server.url}/api/auth/login`, { data: { username, password } })).ok()).toBe(true);
}

const started = useServer({ examples: true, password: 'replay-admin-password' });
test.beforeAll(async ({ playwright }) => {
  server = started();
  const api = await playwright.request.newContext();
  await as(api, 'admin', server.password);
  expect((await api.post(`${server.url}/api/users`, { data: { ...tester, role: 'tester' } })).ok()).toBe(true);
  const t = await (await api.post(`${server.url}/api/terminals`, { data: { siteId: 'dev-lab', name: 'E2E replay' } })).json();
  const auth = { authorization: `Bearer ${t.token}` };
  const delivered = (await (await api.get(`${server.url}/api/terminal/v1/machines`, { headers: auth })).json()) as { processes: Delivered[] };
  const picking = delivered.processes.find((p) => p.processKey === 'case-picking')!;
  // Wrong check digits first (says the prompt the draft changes), then a plain sign-off.
  for (const answers of [[...toFirstSlot, 'one one', 'five seven'], ['four two seven', 'yes', 'sign off', 'yes']]) {
    const events = await runSession(picking, t.id, answers);
    const res = await api.post(`${server.url}/api/terminal/v1/events`, { headers: auth, data: { events } });
    expect((await res.json()).rejected).toEqual([]);
  }
  const process = await (await api.get(`${server.url}/api/processes/case-picking`)).json();
  process.graph.nodes.find((n: { id: string }) => n.id === 'slot').data.check.wrong.en = 'Wrong digits, say them again.';
  expect((await api.put(`${server.url}/api/processes/case-picking/draft`, { data: { graph: process.graph, revision: process.revision } })).ok()).toBe(true);
  await api.dispose();
});

test('a tester replays logged sessions on the draft from the history and opens the diverged one side by side and on the canvas', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await login(page, tester.username, tester.password, server.url);
  await page.goto(`${server.url}/history?process=case-picking`);
  await page.locator('a#replay').click();
  await expect(page.getByTestId('replay-process')).toHaveValue('case-picking');
  await expect(page.getByTestId('replay-target')).toHaveValue('draft');
  await page.getByTestId('replay-start').click();

  const report = page.getByTestId('replay-report');
  await expect(report).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('total-diverged')).toHaveText('1');
  await expect(page.getByTestId('total-same')).toHaveText('1');
  const diverged = page.locator('[data-testid="replay-session"][data-verdict="diverged"]');
  await expect(diverged).toContainText('prompt 1 differs');
  await expect(diverged).toContainText('Wrong digits, say them again.');
  await page.screenshot({ path: 'test-results/e2e/replay-report.png', fullPage: true });

  await diverged.getByTestId('replay-compare').click();
  await expect(page.getByTestId('compare-verdict')).toHaveAttribute('data-verdict', 'diverged');
  await expect(page.getByTestId('compare-verdict')).toContainText('Diverges at step 5');
  const row = page.locator('[data-testid="compare-row"][data-step="5"]');
  await expect(row).toHaveClass(/is-divergence/);
  await expect(row.locator('td').nth(0)).toContainText('says “Wrong, try again.”');
  await expect(row.locator('td').nth(1)).toContainText('says “Wrong digits, say them again.”');
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/e2e/replay-compare.png', fullPage: true });

  await page.goBack();
  await page.locator('[data-testid="replay-session"][data-verdict="diverged"]').getByRole('link', { name: 'On the canvas' }).click();
  const canvas = page.getByTestId('path-canvas');
  await expect(canvas.locator('.react-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('path-position')).toHaveText('Step 6 of 6');
  await page.getByTestId('path-prev').click();
  await expect(page.getByTestId('path-position')).toHaveText('Step 5 of 6');
  await expect(canvas).toHaveAttribute('data-step', '5');
  await page.screenshot({ path: 'test-results/e2e/replay-canvas.png' });
});
