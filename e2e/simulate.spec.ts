/**
 * The Simulate panel against the real server with the examples seeded and the mock WMS: a
 * tester runs case-picking in the browser (compiled in the page, WMS calls through the server's
 * proxy), in Russian and in English with a stubbed WMS failure. Screenshots of key moments go
 * to test-results for a look.
 */
import { expect, test, type APIRequestContext, type Page } from './test.js';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { login, typeInCode } from './helpers.js';
import { useServer, type RunningServer } from './server.js';

let server: RunningServer;
/** The development environment's wmsUrl setting: the mock WMS the server started. */
let wmsUrl: string;
const tester = { username: 'tessa', password: 'tester-password-1' };

async function adminApi(api: APIRequestContext, url: string, password: string): Promise<void> {
  const res = await api.post(`${url}/api/auth/login`, { data: { username: 'admin', password } });
  expect(res.ok()).toBe(true);
}

const started = useServer({ examples: true, password: 'simulate-admin-password' });
test.beforeAll(async ({ playwright }) => {
  server = started();
  const api = await playwright.request.newContext();
  await adminApi(api, server.url, server.password);
  expect((await api.post(`${server.url}/api/users`, { data: { ...tester, role: 'tester' } })).ok()).toBe(true);
  // The mock WMS the server started is the development environment's wmsUrl setting; an admin allows it for simulations.
  const settings = await (await api.get(`${server.url}/api/environments/development/effective-settings?processKey=case-picking`)).json();
  wmsUrl = settings.process.inputs.find((v: { name: string }) => v.name === 'wmsUrl').value as string;
  const environments = (await (await api.get(`${server.url}/api/environments`)).json()) as { id?: string; name?: string }[];
  const env = environments[0]!;
  const put = await api.put(`${server.url}/api/environments/${encodeURIComponent(env.id ?? env.name!)}/wms-bases`, { data: { bases: [wmsUrl] } });
  expect(put.ok(), await put.text()).toBe(true);
  await api.dispose();
});

/** Opens case-picking as the tester with the Simulate panel; returns the page's uncaught errors (kept filling). */
async function openAsTester(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, tester.username, tester.password, server.url);
  // A tester cannot create processes, but opens one and simulates it.
  await expect(page.getByTestId('process-new')).toHaveCount(0);
  await page.getByTestId('process-case-picking').getByRole('button', { name: /Case picking/ }).click();
  await expect(page.getByTestId('node-slot')).toBeVisible();
  // Read-only for a tester: nothing to save, nothing to import.
  await expect(page.getByTestId('save-status')).toHaveCount(0);
  await expect(page.getByTestId('import')).toBeDisabled();
  // The callee (sign-on) is fetched for the canvas; the run follows into it.
  await expect(page.getByTestId('handle-signOn-failed')).toBeAttached();
  await page.getByTestId('sim-open').click();
  await expect(page.getByTestId('sim-panel')).toBeVisible();
  return errors;
}

const status = (page: Page) => page.getByTestId('sim-status');

/** Waits until the run has handled every answer sent so far. */
async function settled(page: Page): Promise<void> {
  await expect(status(page)).not.toHaveAttribute('data-status', 'busy');
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId('sim-answer').fill(text);
  await page.getByTestId('sim-say').click();
  await settled(page);
}

async function chip(page: Page, phrase: string): Promise<void> {
  await page.locator(`[data-testid="sim-chip"][data-phrase="${phrase}"]`).click();
  await settled(page);
}

async function silence(page: Page): Promise<void> {
  await page.getByTestId('sim-silence').click();
  await settled(page);
}

const says = (page: Page) => page.locator('[data-testid="sim-entry"][data-kind="say"]');
const lastSay = (page: Page) => says(page).last();

async function stepCount(page: Page): Promise<number> {
  return page.locator('[data-testid="sim-entry"][data-kind="answer"], [data-testid="sim-entry"][data-kind="silence"]').count();
}

test('a tester picks two lines in Russian: chips, number words, repeat, help, silence escalation, step back', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = await openAsTester(page);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // The whole interface in Russian too.
  await page.getByTestId('lang-switch').selectOption('ru');
  await expect(page.getByTestId('sim-start')).toHaveText('Запустить');
  // Prefilled from the environment's settings, as a terminal at its site would get it (not the flow's default).
  await expect(page.getByTestId('sim-input-wmsUrl')).toHaveValue(wmsUrl);
  await page.getByTestId('sim-language').selectOption('ru');
  await page.getByTestId('sim-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'waiting');
  await expect(lastSay(page)).toContainText('Номер оператора?');
  // Inside the sign-on subflow: the canvas shows the callee with its active node.
  await expect(page.getByTestId('run-crumbs')).toContainText('askId');
  await expect(page.getByTestId('callee-canvas').getByTestId('node-askId')).toHaveAttribute('data-run', 'active');
  await expect(page.getByTestId('sim-hint')).toHaveText('цифр: 3–6');
  await shot('simulate-1-sign-on');

  await say(page, 'четыре два семь');
  await expect(lastSay(page)).toContainText('Оператор 4 2 7, верно?');
  await expect(lastSay(page)).toHaveAttribute('data-reason', 'confirm');
  await chip(page, 'да');
  await expect(lastSay(page)).toContainText('Задание 1 0 2 3 4, 4 позиции, 11 коробок. Готов?');
  await expect(page.getByTestId('callee-canvas')).toHaveCount(0);
  await expect(page.getByTestId('node-summary')).toHaveAttribute('data-run', 'active');
  await expect(page.getByTestId('node-signOn')).toHaveAttribute('data-run', 'visited');
  // The WMS calls went through the server's proxy to the mock WMS.
  await expect(page.locator('[data-testid="sim-entry"][data-kind="wms"]').first()).toContainText('/operators/427/sign-on');
  await expect(page.locator('[data-testid="sim-entry"][data-kind="wms"]').first().getByTestId('sim-wms-status')).toHaveText('200');

  await chip(page, 'повтори');
  await expect(lastSay(page)).toHaveAttribute('data-reason', 'repeat');
  await expect(lastSay(page)).toContainText('Задание 1 0 2 3 4');
  await say(page, 'помощь');
  await expect(says(page).filter({ hasText: 'Скажите «готов», чтобы начать отбор.' })).toHaveAttribute('data-reason', 'help');

  await say(page, 'готов');
  await expect(lastSay(page)).toContainText('Проход 12.');
  await say(page, 'готов');
  await expect(lastSay(page)).toContainText('Ячейка 4 A.');
  await expect(page.getByTestId('node-slot')).toHaveAttribute('data-run', 'active');

  // Silence twice: "say again", then the step's help, each followed by the prompt.
  await silence(page);
  await silence(page);
  const texts = await says(page).locator('.vm-sim-text').allTextContents();
  expect(texts.slice(-4)).toEqual(['Повторите.', 'Ячейка 4 A.', 'Назовите контрольные цифры адреса, например: пять семь.', 'Ячейка 4 A.']);
  await expect(page.locator('[data-testid="sim-entry"][data-kind="silence"]')).toHaveCount(2);
  await shot('simulate-2-silence');

  // Wrong check digits: the checked answer says so and asks again (the runtime counts the tries).
  await say(page, 'один один');
  await expect(lastSay(page)).toContainText('Ячейка 4 A.');
  await expect(says(page).filter({ hasText: 'Неверно, повторите.' })).toHaveAttribute('data-reason', 'wrong');
  await page.getByTestId('sim-tab-variables').click();
  await shot('simulate-3-variables');
  await page.getByTestId('sim-tab-run').click();

  // Back three steps (the wrong digits and both silences): at the slot again, nothing of them left.
  const before = await stepCount(page);
  const third = page.locator('[data-testid="sim-entry"][data-kind="silence"]').first();
  await third.getByRole('button').click();
  await settled(page);
  expect(await stepCount(page)).toBe(before - 3);
  await expect(page.locator('[data-testid="sim-entry"][data-kind="silence"]')).toHaveCount(0);
  await expect(lastSay(page)).toContainText('Ячейка 4 A.');
  await expect(says(page).filter({ hasText: 'Неверно, повторите.' })).toHaveCount(0);

  // This time the right digits, and the quantity as a Russian number word.
  await say(page, 'пять семь');
  await expect(lastSay(page)).toContainText('Взять 3.');
  await expect(page.getByTestId('node-quantity')).toHaveAttribute('data-run', 'active');
  await expect(page.getByTestId('sim-hint')).toContainText(/number|число/);
  await say(page, 'три');
  await expect(lastSay(page)).toContainText('Ячейка 9 B.');
  await say(page, 'два один');
  await expect(lastSay(page)).toContainText('Взять 2.');
  await say(page, 'два');
  await expect(lastSay(page)).toContainText('Проход 14.');
  await expect(page.getByTestId('node-aisle')).toHaveAttribute('data-run', 'active');
  // The loop's edges were drawn as taken, with their count.
  await expect(page.locator('.react-flow__edge.is-run-taken').first()).toBeAttached();
  await expect(page.getByTestId('node-quantity')).toHaveAttribute('data-visits', '2');
  await shot('simulate-4-two-lines');

  // The dialog events, as a terminal would send them, downloaded as JSON.
  await page.getByTestId('sim-tab-events').click();
  await expect(page.getByTestId('sim-events')).toContainText('session.start');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sim-export').click()]);
  expect(download.suggestedFilename()).toBe('case-picking-simulation.events.json');
  const events = JSON.parse(await readFile(await download.path(), 'utf8')) as { type: string; processKey: string; data: { text?: string } }[];
  expect(events[0]).toMatchObject({ type: 'session.start', processKey: 'case-picking' });
  expect(events.filter((e) => e.type === 'prompt').at(-1)?.data.text).toBe('Проход 14.');
  await page.getByTestId('sim-tab-states').click();
  await expect(page.getByTestId('sim-active-state').last()).toHaveAttribute('data-state', 'aisle');
  await shot('simulate-5-states');
  expect(errors).toEqual([]);
  await context.close();
});

test('a WMS stub answering 503 takes the process to its error path, seen in a Stately inspector too', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = await openAsTester(page);
  // A WebSocket receiver stands in for the Stately inspector's page (same protocol, @statelyai/inspect).
  const receiver = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => receiver.once('listening', () => resolve()));
  const received: { type: string; event?: { type: string } }[] = [];
  receiver.on('connection', (socket) => socket.on('message', (data) => received.push(JSON.parse(String(data)))));
  await page.getByTestId('sim-inspect-url').fill(`ws://127.0.0.1:${(receiver.address() as AddressInfo).port}`);
  await page.getByTestId('sim-inspect-connect').click();
  await expect(page.getByTestId('sim-inspect-state')).toBeVisible();

  await page.getByTestId('sim-tab-stubs').click();
  const confirm = page.getByTestId('stub-confirmFull');
  await confirm.getByTestId('stub-add').click();
  await confirm.getByTestId('stub-status').fill('503');
  await confirm.getByTestId('stub-body').fill('{"error":"maintenance"}');
  await page.screenshot({ path: testInfo.outputPath('simulate-6-stub.png') });

  await page.getByTestId('sim-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'waiting');
  // Operator 315 has assignment 10235: first pick 14-11C, check digits 46, four cases.
  await say(page, 'three one five');
  await chip(page, 'yes');
  await expect(lastSay(page)).toContainText('Assignment 1 0 2 3 5');
  // An unclear answer is a no-match: "say again", then the prompt.
  await page.getByTestId('sim-unclear').click();
  await settled(page);
  await expect(page.locator('[data-testid="sim-entry"][data-kind="nomatch"]')).toHaveCount(1);
  await expect(says(page).nth(-2)).toHaveAttribute('data-reason', 'reprompt');
  await expect(lastSay(page)).toContainText('Assignment 1 0 2 3 5');
  await say(page, 'ready');
  await say(page, 'ready');
  await expect(lastSay(page)).toContainText('Slot 11 C.');
  await say(page, 'four six');
  await say(page, 'four');
  await expect(lastSay(page)).toContainText('System not answering. Say ready to try again.');
  await expect(page.getByTestId('node-wmsError')).toHaveAttribute('data-run', 'active');
  const wms = page.locator('[data-testid="sim-entry"][data-kind="wms"]').last();
  await expect(wms).toContainText('/picking/picks/10235-1/confirm');
  await expect(wms.getByTestId('sim-wms-status')).toHaveText('503');
  await wms.getByRole('button').click();
  // Its details: what was posted (a failed response's body is not in the dialog events).
  await expect(wms.locator('.vm-sim-json')).toContainText('"quantity": 4');
  await expect.poll(() => received.some((m) => m.type === '@xstate.actor')).toBe(true);
  await expect.poll(() => received.some((m) => m.type === '@xstate.event' && m.event?.type === 'REQUEST.ERROR')).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('simulate-7-wms-error.png') });
  expect(errors).toEqual([]);
  await context.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

test('an admin simulates a published version, the draft just edited (compiled in the page), and the draft on the server', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await login(page, 'admin', server.password, server.url);
  const signOn = async (greeting: string) => {
    await page.getByTestId('sim-start').click();
    await expect(status(page)).toHaveAttribute('data-status', 'waiting');
    await say(page, 'four two seven');
    await chip(page, 'yes');
    await expect(status(page)).toHaveAttribute('data-status', 'done');
    await expect(says(page).locator('.vm-sim-text')).toHaveText(['Operator ID?', 'Operator 4 2 7, correct?', greeting]);
    await expect(page.locator('[data-testid="sim-entry"][data-kind="end"]')).toContainText('done');
  };

  // The published version 1 (read-only), run in the page from its stored machine.
  await page.goto(`${server.url}/#/p/sign-on/v/1`);
  await expect(page.getByTestId('readonly-banner')).toBeVisible();
  await page.getByTestId('sim-open').click();
  await expect(page.getByTestId('sim-source')).toContainText('1');
  await signOn('Hello, Ivan Petrov.');

  // The draft just edited: compiled in the page from the editor's graph, so the edit is in the run
  // whether or not the autosave has sent it yet.
  await page.goto(`${server.url}/#/p/sign-on`);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.getByTestId('node-greet').locator('.vm-card-header').click();
  await typeInCode(page, 'say-text-en', 'Welcome, {{ operatorName }}.');
  await page.getByTestId('sim-open').click();
  await signOn('Welcome, Ivan Petrov.');

  // On the server: the draft is saved first, then the server's simulation API runs it and calls the WMS itself.
  await page.getByTestId('sim-stop').click();
  await page.getByTestId('sim-where').selectOption('server');
  await expect(page.getByTestId('sim-source')).toContainText(/server|Saved draft/i);
  await signOn('Welcome, Ivan Petrov.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.getByTestId('sim-tab-events').click();
  await expect(page.getByTestId('sim-events')).toContainText('session.end');
  expect(errors).toEqual([]);
  await context.close();
});

test('a WMS URL no admin allowed is refused by the proxy, and the run shows why', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = await openAsTester(page);
  // Not an open proxy: a base URL nobody configured is not forwarded.
  await page.getByTestId('sim-input-wmsUrl').fill('http://127.0.0.1:9/wms');
  await page.getByTestId('sim-start').click();
  await expect(status(page)).toHaveAttribute('data-status', 'waiting');
  await say(page, 'four two seven');
  await chip(page, 'yes');
  const wms = page.locator('[data-testid="sim-entry"][data-kind="wms"]').first();
  await expect(wms).toContainText('/wms/operators/427/sign-on');
  await expect(wms.getByTestId('sim-wms-status')).toHaveAttribute('title', /not under a WMS base URL/);
  // sign-on tells a WMS it cannot reach from a refused id: it says so and ends.
  await expect(says(page).locator('.vm-sim-text')).toContainText(['The warehouse system is not answering.', 'Sign-on failed. Call your supervisor.']);
  expect(errors).toEqual([]);
  await context.close();
});
