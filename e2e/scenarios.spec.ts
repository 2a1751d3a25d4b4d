/**
 * Scenarios against the real server (examples seeded, the mock WMS): a tester simulates
 * case-picking to the end and saves the run as a scenario; a designer breaks the flow (rewires
 * an outcome, changes a prompt), runs the scenarios, sees the first difference, opens it in the
 * simulator at that step, fixes the flow in two goes and sees it pass; the edges no scenario
 * took are coloured on the canvas. Screenshots of key moments go to test-results.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from './test.js';
import { readFile } from 'node:fs/promises';
import { connectByKeyboard, expectSaved, findNode, login, typeInCode } from './helpers.js';
import { useServer, type RunningServer } from './server.js';

let server: RunningServer;
const tester = { username: 'tessa', password: 'tester-password-1' };
const designer = { username: 'dana', password: 'designer-password-1' };

const started = useServer({ examples: true, password: 'scenarios-admin-password' });
test.beforeAll(async ({ playwright }) => {
  server = started();
  const api = await playwright.request.newContext();
  expect((await api.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: server.password } })).ok()).toBe(true);
  for (const [user, role] of [[tester, 'tester'], [designer, 'designer']] as const) {
    expect((await api.post(`${server.url}/api/users`, { data: { ...user, role } })).ok()).toBe(true);
  }
  await allowMockWms(api);
  await api.dispose();
});

/** The mock WMS the server started is the development environment's wmsUrl; simulations may call it. */
async function allowMockWms(api: APIRequestContext): Promise<void> {
  const settings = await (await api.get(`${server.url}/api/environments/development/effective-settings?processKey=case-picking`)).json();
  const wmsUrl = settings.process.inputs.find((v: { name: string }) => v.name === 'wmsUrl').value as string;
  const env = ((await (await api.get(`${server.url}/api/environments`)).json()) as { id?: string; name?: string }[])[0]!;
  const put = await api.put(`${server.url}/api/environments/${encodeURIComponent(env.id ?? env.name!)}/wms-bases`, { data: { bases: [wmsUrl] } });
  expect(put.ok(), await put.text()).toBe(true);
}

async function openCasePicking(browser: Browser, user: { username: string; password: string }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, user.username, user.password, server.url);
  await page.getByTestId('process-case-picking').getByRole('button', { name: /Case picking/ }).click();
  await expect(page.getByTestId('node-slot')).toBeVisible();
  return { page, errors };
}

const status = (page: Page) => page.getByTestId('sim-status');
const lastSay = (page: Page) => page.locator('[data-testid="sim-entry"][data-kind="say"]').last();

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('sim-answer').fill(text);
  await page.getByTestId('sim-say').click();
  await expect(status(page)).not.toHaveAttribute('data-status', 'busy');
}

/** The operator's answers of a whole assignment (as in examples/flows/case-picking.assignment.scenario.json). */
async function assignmentAnswers(): Promise<string[]> {
  const example = JSON.parse(await readFile(new URL('../examples/flows/case-picking.assignment.scenario.json', import.meta.url), 'utf8')) as { steps: { say: string }[] };
  return example.steps.map((s) => s.say);
}

async function runAll(page: Page): Promise<void> {
  await page.getByTestId('scn-run-all').click();
  await expect(page.getByTestId('scn-summary')).toBeVisible({ timeout: 30_000 });
}

const row = (page: Page, name: string) => page.locator(`[data-testid="scn-row"][data-name="${name}"]`);

test('a tester saves a run as a scenario; a designer breaks the flow, sees the difference, opens it in the simulator, fixes it and sees it pass', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const answers = await assignmentAnswers();

  // 1. The tester simulates a whole assignment (the mock WMS answers) and saves it.
  const t = await openCasePicking(browser, tester);
  await t.page.getByTestId('sim-open').click();
  await t.page.getByTestId('sim-language').selectOption('en');
  await t.page.getByTestId('sim-start').click();
  await expect(status(t.page)).toHaveAttribute('data-status', 'waiting');
  for (const answer of answers) await say(t.page, answer);
  await expect(status(t.page)).toHaveAttribute('data-status', 'done');
  await expect(lastSay(t.page)).toContainText('No more assignments. Goodbye.');
  await t.page.getByTestId('scn-save').click();
  // A name is required.
  await t.page.getByTestId('scn-save-submit').click();
  await expect(t.page.getByTestId('scn-save-error')).toHaveText('Give the scenario a name');
  await t.page.getByTestId('scn-save-name').fill('Whole assignment');
  await t.page.getByTestId('scn-save-description').fill('Sign on, four picks, deliver, no more work');
  await t.page.screenshot({ path: testInfo.outputPath('scenarios-1-save.png') });
  await t.page.getByTestId('scn-save-submit').click();
  await expect(t.page.getByTestId('toast')).toHaveText('Saved scenario "Whole assignment"');
  // The same name twice is refused by the server, and said so.
  await t.page.getByTestId('scn-save').click();
  await t.page.getByTestId('scn-save-name').fill('Whole assignment');
  await t.page.getByTestId('scn-save-submit').click();
  await expect(t.page.getByTestId('scn-save-error')).toHaveText('This process already has a scenario with this name');
  await t.page.keyboard.press('Escape');
  // It passes on the unchanged draft.
  await t.page.getByTestId('sim-close').click();
  await t.page.getByTestId('tab-scenarios').click();
  await expect(row(t.page, 'Whole assignment')).toHaveAttribute('data-result', 'never');
  // The publish gate is shown, but only an admin changes it.
  await expect(t.page.getByTestId('scn-gate')).toHaveValue('warn');
  await expect(t.page.getByTestId('scn-gate')).toBeDisabled();
  await runAll(t.page);
  await expect(t.page.getByTestId('scn-summary')).toHaveText('1 passed, 0 failed');
  await expect(row(t.page, 'Whole assignment')).toHaveAttribute('data-result', 'passed');
  expect(t.errors).toEqual([]);
  await t.page.context().close();

  // 2. The designer breaks the flow: the aisle announcement is skipped, and the last words change.
  const d = await openCasePicking(browser, designer);
  await connectByKeyboard(d.page, 'aisleChanged', 'announce', 'slot');
  await findNode(d.page, 'assignmentComplete');
  await typeInCode(d.page, 'say-text-en', 'Assignment done.');
  await expectSaved(d.page);

  // 3. The run fails at step 3: "Aisle 12." expected, the slot heard.
  await d.page.getByTestId('tab-scenarios').click();
  await runAll(d.page);
  await expect(d.page.getByTestId('scn-summary')).toHaveText('0 passed, 1 failed');
  const failed = row(d.page, 'Whole assignment');
  await expect(failed).toHaveAttribute('data-result', 'failed');
  await expect(failed.getByTestId('scn-diff')).toHaveAttribute('data-step', '3');
  await expect(failed.getByTestId('scn-diff-expected')).toHaveText('Aisle 12.');
  await expect(failed.getByTestId('scn-diff-actual')).toHaveText('Slot 4 A.');
  await d.page.screenshot({ path: testInfo.outputPath('scenarios-2-failure.png') });

  // 4. Opened in the simulator at that step: the scenario's answers replayed with its WMS stubs.
  await failed.getByTestId('scn-open').click();
  await expect(d.page.getByTestId('sim-panel')).toBeVisible();
  await expect(status(d.page)).toHaveAttribute('data-status', 'waiting');
  await expect(d.page.locator('[data-testid="sim-entry"][data-kind="answer"]')).toHaveCount(3);
  await expect(lastSay(d.page)).toContainText('Slot 4 A.');
  await expect(d.page.getByTestId('node-slot')).toHaveAttribute('data-run', 'active');
  await d.page.screenshot({ path: testInfo.outputPath('scenarios-3-opened.png') });

  // 5. Fix the wire; the next run finds the changed words at the last step.
  await d.page.getByTestId('sim-close').click();
  await connectByKeyboard(d.page, 'aisleChanged', 'announce', 'aisle');
  await expectSaved(d.page);
  await d.page.getByTestId('tab-scenarios').click();
  await runAll(d.page);
  await expect(failed.getByTestId('scn-diff')).toHaveAttribute('data-step', String(answers.length));
  await expect(failed.getByTestId('scn-diff-expected')).toHaveText('Assignment complete.');
  await expect(failed.getByTestId('scn-diff-actual')).toHaveText('Assignment done.');

  // 6. Fix the words: it passes.
  await findNode(d.page, 'assignmentComplete');
  await typeInCode(d.page, 'say-text-en', 'Assignment complete.');
  await expectSaved(d.page);
  await d.page.getByTestId('tab-scenarios').click();
  await runAll(d.page);
  await expect(d.page.getByTestId('scn-summary')).toHaveText('1 passed, 0 failed');
  await expect(failed).toHaveAttribute('data-result', 'passed');

  // 7. Coverage: the percentage, and the edges no scenario took coloured (the WMS error path),
  // the ones it took not; the toggle hides them.
  const coverage = d.page.getByTestId('scn-coverage');
  await expect(coverage).toContainText(/Coverage: \d+(\.\d)?% of outcomes/);
  const percent = Number(await coverage.getAttribute('data-percent'));
  expect(percent).toBeGreaterThan(20);
  expect(percent).toBeLessThan(80);
  await expect(d.page.getByTestId('rf__edge-getAssignment-error')).toHaveClass(/is-uncovered/);
  await expect(d.page.getByTestId('rf__edge-summary-ready')).not.toHaveClass(/is-uncovered/);
  await d.page.getByTestId('cmd-fitView').click();
  await d.page.screenshot({ path: testInfo.outputPath('scenarios-4-coverage.png') });
  await d.page.getByTestId('scn-coverage-toggle').uncheck();
  await expect(d.page.locator('.react-flow__edge.is-uncovered')).toHaveCount(0);

  // 8. The process list shows the last run.
  await d.page.getByTestId('back').click();
  await expect(d.page.getByTestId('process-case-picking').getByTestId('process-last-run')).toHaveAttribute('data-state', 'passed');
  await expect(d.page.getByTestId('process-replenishment').getByTestId('process-last-run')).toHaveAttribute('data-state', 'never');
  await d.page.screenshot({ path: testInfo.outputPath('scenarios-8-process-list.png') });
  expect(d.errors).toEqual([]);
});

test('scenario files import and export with the process; a blocking gate stops publishing with the failing difference', async ({ browser, playwright }, testInfo) => {
  const text = await readFile(new URL('../examples/flows/cycle-count.match.scenario.json', import.meta.url), 'utf8');
  const good = JSON.parse(text) as { name: string; start: { prompts: string[] } };
  const broken = { ...good, name: 'Expects another greeting', start: { prompts: ['Badge number?'] } };
  const original = broken.name;
  const file = (name: string, value: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });

  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, 'admin', server.password, server.url);
  await page.getByTestId('process-cycle-count').getByRole('button').first().click();
  await page.getByTestId('tab-scenarios').click();
  await expect(page.getByTestId('scn-list')).toBeAttached();

  // A bad file names itself and the field, and nothing is imported.
  await page.getByTestId('scn-import-file').setInputFiles([file('match.scenario.json', good), file('bad.scenario.json', { ...good, steps: [{ say: 7 }] })]);
  await expect(page.getByTestId('scn-notice')).toContainText('Import failed: bad.scenario.json at /steps/0');
  await expect(page.getByTestId('scn-row')).toHaveCount(0);
  await page.getByTestId('scn-import-file').setInputFiles([file('match.scenario.json', good), file('greeting.scenario.json', broken)]);
  await expect(page.getByTestId('scn-notice')).toHaveText('Imported: 2 new, 0 updated, 0 unchanged');
  await expect(page.getByTestId('scn-row')).toHaveCount(2);
  await runAll(page);
  await expect(page.getByTestId('scn-summary')).toHaveText('1 passed, 1 failed');
  await expect(row(page, broken.name).getByTestId('scn-diff')).toHaveAttribute('data-step', '0');
  await expect(row(page, broken.name).getByTestId('scn-diff-actual')).toHaveText('Operator ID?');

  // Rename and describe one (the server keeps the name unique within the process).
  await row(page, broken.name).getByTestId('scn-edit').click();
  await row(page, broken.name).getByTestId('scn-edit-name').fill(good.name);
  await row(page, broken.name).getByTestId('scn-edit-save').click();
  await expect(row(page, broken.name).locator('.vm-error')).toHaveText('This process already has a scenario with this name');
  broken.name = 'Expects a badge prompt';
  await page.locator('[data-testid="scn-edit-name"]').fill(broken.name);
  await page.getByTestId('scn-edit-description').fill('Deliberately wrong first prompt');
  await page.getByTestId('scn-edit-save').click();
  await expect(row(page, broken.name)).toContainText('Deliberately wrong first prompt');

  // Export: one bundle with the flow and both scenarios.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toBe('cycle-count.process.json');
  const bundle = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(bundle).toMatchObject({ format: 'voiceman/process-bundle', formatVersion: 1, flow: { process: { key: 'cycle-count' } } });
  expect(bundle.scenarios.map((s: { name: string }) => s.name).sort()).toEqual([broken.name, good.name].sort());
  expect(original).not.toBe(broken.name);

  // The process blocks on failing scenarios: the publish dialog runs them and says why it cannot publish.
  const api = await playwright.request.newContext();
  expect((await api.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: server.password } })).ok()).toBe(true);
  // The admin sets the gate in the Scenarios panel (default: warn).
  await expect(page.getByTestId('scn-gate')).toHaveValue('warn');
  await expect(page.getByTestId('scn-gate')).toBeEnabled();
  await page.getByTestId('scn-gate').selectOption('block');
  await expect.poll(async () => (await (await api.get(`${server.url}/api/processes/cycle-count`)).json()).scenarioGate).toBe('block');
  await page.getByTestId('publish').click();
  const section = page.getByTestId('publish-scenarios');
  await expect(section).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('publish-scenarios-result')).toHaveText('Scenarios on the draft: 1 passed, 1 failed');
  await expect(page.getByTestId('publish-scenarios-blocked')).toBeVisible();
  await expect(section.getByTestId('scn-diff-expected')).toHaveText('Badge number?');
  await expect(page.getByTestId('publish-submit')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('scenarios-5-publish-blocked.png') });
  // The server refuses it too, whatever the page does.
  const draft = await (await api.get(`${server.url}/api/processes/cycle-count`)).json();
  // allowSame: the draft is the seeded version's machine; the gate is what is tested here.
  const publish = await api.post(`${server.url}/api/processes/cycle-count/versions`, { data: { note: 'try', revision: draft.revision, force: true, allowSame: true } });
  expect(publish.status()).toBe(422);
  expect((await publish.json()).code).toBe('scenarios_failed');
  await page.keyboard.press('Escape');

  // The panel in Russian.
  await page.getByTestId('lang-switch').selectOption('ru');
  await expect(page.getByTestId('tab-scenarios')).toHaveText('Сценарии');
  await expect(page.getByTestId('scn-run-all')).toHaveText('Запустить все');
  await expect(page.getByTestId('scn-summary')).toHaveText('успешно: 1, с ошибкой: 1');
  await page.screenshot({ path: testInfo.outputPath('scenarios-6-russian.png') });
  await api.dispose();
  expect(errors).toEqual([]);
  await context.close();
});

test('a long run shows its progress while the server works through it', async ({ browser, playwright }, testInfo) => {
  // Enough scenarios that the run lasts several polls on any machine.
  const good = JSON.parse(await readFile(new URL('../examples/flows/putaway.happy.scenario.json', import.meta.url), 'utf8')) as { name: string };
  const api = await playwright.request.newContext();
  expect((await api.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: server.password } })).ok()).toBe(true);
  const copies = Array.from({ length: 120 }, (_, i) => ({ ...good, name: `${good.name} #${i + 1}` }));
  const imported = await api.post(`${server.url}/api/processes/putaway/scenarios/import`, { data: { scenarios: copies } });
  expect(imported.ok(), await imported.text()).toBe(true);
  await api.dispose();

  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await login(page, tester.username, tester.password, server.url);
  await page.getByTestId('process-putaway').getByRole('button').first().click();
  await page.getByTestId('tab-scenarios').click();
  await expect(page.getByTestId('scn-row')).toHaveCount(120);
  await page.getByTestId('scn-run-all').click();
  const progress = page.getByTestId('scn-progress');
  await expect(progress).toContainText(/Running \d+ of 120/);
  await page.screenshot({ path: testInfo.outputPath('scenarios-7-progress.png') });
  await expect(page.getByTestId('scn-summary')).toHaveText('120 passed, 0 failed', { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  await context.close();
});
