/**
 * The seeded examples open clean in the designer, and the case-picking flow's picture for the
 * README walkthrough (`docs/images/case-picking.png`, refreshed with VOICEMAN_DOCS_SCREENSHOTS=on) is taken from the real app. This spec runs
 * its own server with the examples seeded and the mock WMS on a free port (the shared e2e
 * server runs without examples so the other specs start from an empty list).
 */
import { expect, test } from './test.js';
import { fileURLToPath } from 'node:url';
import { login, viewportSettled } from './helpers.js';
import { useServer, type RunningServer } from './server.js';

const docsImage = fileURLToPath(new URL('../docs/images/case-picking.png', import.meta.url));

let server: RunningServer;
const started = useServer({ examples: true, password: 'examples-admin-password' });
test.beforeAll(async () => {
  server = started();
});

test('case picking opens with every node, no problems, and is pictured for the docs', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await login(page, 'admin', server.password, server.url);

  for (const key of ['case-picking', 'sign-on', 'putaway', 'replenishment', 'cycle-count']) await expect(page.getByTestId(`process-${key}`)).toBeVisible();
  await page.getByTestId('process-case-picking').getByRole('button', { name: /Case picking/ }).click();

  const nodes = page.locator('.react-flow__node');
  await expect(page.getByTestId('node-start')).toBeVisible();
  await expect(nodes).toHaveCount(41);
  await expect(page.locator('.react-flow__edge')).toHaveCount(82);
  await expect(page.getByTestId('node-slotSupervisor')).toBeVisible();
  // The lint runs in a worker after opening, and the called sign-on flow is fetched first: wait
  // for a verdict that has seen it (the subflow node's handles are sign-on's end outcomes).
  await expect(page.getByTestId('handle-signOn-failed')).toBeAttached();
  await expect(page.getByTestId('diagnostics-count')).toHaveText(/^0 errors, 0 warnings/);
  await expect(page.getByTestId('diagnostic')).toHaveCount(0);
  await expect(page.locator('.vm-card.has-error, .vm-card.has-warning, .vm-card-badge')).toHaveCount(0);

  await page.getByTestId('cmd-fitView').click();
  // The whole flow as stored (the artifact); the docs get a legible part of it: the pick loop
  // at reading zoom, with the slot question selected so the inspector shows its form.
  await viewportSettled(page);
  await page.screenshot({ path: testInfo.outputPath('case-picking-whole.png') });
  const slot = (await page.getByTestId('node-slotSupervisor').boundingBox())!;
  await page.mouse.move(slot.x + slot.width / 2, slot.y + slot.height / 2);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, -200);
    await viewportSettled(page, 3);
  }
  await viewportSettled(page);
  await page.getByTestId('node-slot').locator('.vm-card-header').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'slot');
  await viewportSettled(page);
  await page.screenshot({ path: testInfo.outputPath('case-picking.png') });
  // The committed docs image is refreshed only on request, so a test run leaves git clean.
  if (process.env.VOICEMAN_DOCS_SCREENSHOTS === 'on') await page.screenshot({ path: docsImage });
  await context.close();
});

test("the development site gets the mock WMS's address as a setting; the stored flows keep their own default", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'admin', server.password, server.url);
  const view = await (await page.request.get(`${server.url}/api/sites/dev-lab/effective-settings?processKey=case-picking`)).json();
  const wmsUrl = view.process.inputs.find((i: { name: string }) => i.name === 'wmsUrl');
  expect(wmsUrl).toMatchObject({ type: 'string', source: 'environment', missing: false });
  expect(wmsUrl.value).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // The seeded setting points at the mock WMS this server started (on a free port, not the flow's 4010).
  expect(wmsUrl.value).not.toBe('http://127.0.0.1:4010');
  expect((await page.request.get(`${wmsUrl.value}/health`)).ok()).toBe(true);
  const draft = await (await page.request.get(`${server.url}/api/processes/case-picking`)).json();
  expect(draft.graph.process.variables.find((v: { name: string }) => v.name === 'wmsUrl').default).toBe('http://127.0.0.1:4010');
  await context.close();
});
