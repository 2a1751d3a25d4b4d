/**
 * The terminal when things go wrong: the server killed mid-task, the page reloaded, the browser
 * closed and reopened on the same profile, a start without the server, a cached machine changed
 * on the device, a version deployed mid-task. The Android shell's double answers (fake bridge).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext } from './test.js';
import { chromiumLaunch } from '../playwright.config.js';
import { SIGN_ON, TerminalPage, WHOLE_ASSIGNMENT, WHOLE_ASSIGNMENT_PROMPTS } from './terminal-helpers.js';
import { exampleFlow, useTerminalServer } from './terminal-server.js';

const useServer = useTerminalServer();
const profiles: string[] = [];
test.afterAll(async () => {
  for (const p of profiles) await rm(p, { recursive: true, force: true });
});
test.beforeEach(async () => {
  test.setTimeout(240_000);
  await fetch(`${useServer().wms.url}/test/reset`, { method: 'POST' });
  await useServer().restart();
});

/** A browser profile on disk: closing and reopening it keeps localStorage and IndexedDB. */
async function profile(): Promise<{ open(): Promise<BrowserContext> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vm-terminal-profile-'));
  profiles.push(dir);
  // A page the test serves while the server is down (route.fulfill) has no address: Chromium's
  // Local Network Access would then refuse its calls to the loopback WMS and server.
  const args = [...chromiumLaunch.args, '--disable-features=LocalNetworkAccessChecks'];
  return { open: () => chromium.launchPersistentContext(dir, { ...chromiumLaunch, args, viewport: { width: 480, height: 800 } }) };
}

async function expectStoredOnce(t: TerminalPage) {
  await t.expectQueueEmpty(60_000);
  // Nothing refused by the server (the screen lists rejected events with their reason).
  expect(await t.page.evaluate(() => (window as unknown as { voicemanTerminal: { view: { rejected: unknown[] } } }).voicemanTerminal.view.rejected.slice(0, 3))).toEqual([]);
  const emitted = await t.emittedIds();
  expect(new Set(emitted).size).toBe(emitted.length);
  const stored = async () =>
    (await useServer().db.query<{ id: string; n: string }>('SELECT id::text AS id, count(*) AS n FROM dialog_events WHERE id = ANY($1::uuid[]) GROUP BY id', [emitted])).rows;
  // An empty backlog can still have its last batch on the wire: wait for the server's answer to land.
  await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBe(emitted.length);
  expect((await stored()).every((r) => Number(r.n) === 1)).toBe(true);
  return emitted;
}

test('the server killed (SIGKILL) mid-task and restarted: every event emitted is stored exactly once', async () => {
  const p = await profile();
  const context = await p.open();
  const t = await TerminalPage.open(context, 'fake', useServer());
  await t.pair('e2e kill');
  await t.choose('case-picking');
  await t.sayAll(WHOLE_ASSIGNMENT.slice(0, 5));
  await t.expectPrompt('Pick 3.');
  await useServer().kill();
  // Work goes on: the WMS is another system; the dialog log waits in the queue.
  await t.sayAll(WHOLE_ASSIGNMENT.slice(5, 10));
  await expect(t.page.getByTestId('network')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  expect(Number(await t.page.getByTestId('queue').getAttribute('data-backlog'))).toBeGreaterThan(0);
  await t.screenshot('offline');
  await useServer().restart();
  await t.sayAll(WHOLE_ASSIGNMENT.slice(10));
  await expect(t.page.getByTestId('chooser')).toBeVisible({ timeout: 30_000 });
  expect(await t.spoken()).toEqual(WHOLE_ASSIGNMENT_PROMPTS);
  const emitted = await expectStoredOnce(t);
  expect(emitted.length).toBeGreaterThan(60);
  await context.close();
});

test('a reload mid-dialog resumes at the same step; so does closing and reopening the browser', async () => {
  const p = await profile();
  let context = await p.open();
  let t = await TerminalPage.open(context, 'fake', useServer());
  await t.pair('e2e reload');
  await t.choose('case-picking');
  await t.sayAll([...SIGN_ON, 'ready', 'ready']);
  await t.expectPrompt('Slot 4 A.');
  await t.reload();
  await t.expectPrompt('Slot 4 A.');
  await expect(t.page.getByTestId('operator')).toContainText('427');
  await t.say('five seven');
  await t.expectPrompt('Pick 3.');
  await context.close();
  context = await p.open();
  t = await TerminalPage.open(context, 'fake', useServer());
  await t.expectPrompt('Pick 3.');
  await t.say('three');
  await t.expectPrompt('Slot 9 B.');
  const assignment = await (await fetch(`${useServer().wms.url}/picking/assignments/10234`)).json();
  expect(assignment.picks.map((x: { picked: number | null }) => x.picked)).toEqual([3, null, null, null]);
  await expectStoredOnce(t);
  await context.close();
});

test('offline start runs from the cache and delivers the queue when the server comes back', async () => {
  const p = await profile();
  let context = await p.open();
  let t = await TerminalPage.open(context, 'fake', useServer());
  await t.pair('e2e offline');
  await context.close();
  await useServer().kill();
  context = await p.open();
  t = await TerminalPage.open(context, 'fake', useServer());
  await expect(t.page.getByTestId('messages')).toContainText('Server not reachable', { timeout: 30_000 });
  await t.choose('case-picking');
  await t.sayAll([...SIGN_ON, 'ready', 'ready']);
  await t.expectPrompt('Slot 4 A.');
  // The queue appends in the task after each step and the screen redraws per frame: the count
  // reaches the step a moment after the prompt is spoken.
  await expect.poll(async () => Number(await t.page.getByTestId('queue').getAttribute('data-backlog'))).toBeGreaterThan(10);
  await useServer().restart();
  await expectStoredOnce(t);
  await expect(t.page.getByTestId('network')).toHaveAttribute('data-online', 'true');
  await context.close();
});

test('a cached machine changed on the device is refused with a message on the screen', async () => {
  const p = await profile();
  const context = await p.open();
  const t = await TerminalPage.open(context, 'fake', useServer());
  await t.pair('e2e tamper');
  // Someone edits the stored machine: a prompt of the cached case-picking.
  await t.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('voiceman-terminal');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('kv', 'readwrite');
    const store = tx.objectStore('kv');
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const r = store.getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    for (const key of keys.filter((k) => String(k).startsWith('machine:'))) {
      const value = await new Promise<string>((resolve) => {
        const r = store.get(key);
        r.onsuccess = () => resolve(r.result as string);
      });
      store.put(value.replace('Operator ID?', 'Say your PIN?'), key);
    }
    await new Promise((r) => (tx.oncomplete = r));
  });
  // The server still has the same version: the terminal's next fetch is a 304 and keeps the copy.
  await t.reload();
  await t.page.getByTestId('process-case-picking').click();
  await expect(t.page.getByTestId('messages')).toContainText(/case-picking.*refused: the cached copy was changed/, { timeout: 20_000 });
  await expect(t.page.getByTestId('chooser')).toBeVisible();
  expect(await t.spoken()).toEqual([]);
  await t.screenshot('tampered');
  await context.close();
});

test('a version deployed mid-task is taken only at the switch point, with the state mapped', async () => {
  const marked = exampleFlow('case-picking', useServer().wms.url);
  marked.nodes.find((n) => n.id === 'slot')!.switchPoint = true;
  const v1 = await useServer().admin.publish(marked);
  const p = await profile();
  const context = await p.open();
  const t = await TerminalPage.open(context, 'fake', useServer());
  await t.pair('e2e switch');
  await t.choose('case-picking');
  await expect(t.page.getByTestId('process')).toHaveText(`case-picking v${v1.number}`);
  await t.sayAll([...SIGN_ON, 'ready', 'ready', 'five seven']);
  await t.expectPrompt('Pick 3.');
  const next = exampleFlow('case-picking', useServer().wms.url);
  const slot = next.nodes.find((n) => n.id === 'slot')!;
  slot.switchPoint = true;
  (slot.data.prompt as { en: string }).en = 'Location {{ pick.slot }}.';
  const v2 = await useServer().admin.publish(next);
  await expect(t.page.getByTestId('waiting-version')).toContainText(`v${v2.number}`, { timeout: 20_000 });
  // Mid-task: still the old version.
  await expect(t.page.getByTestId('process')).toHaveText(`case-picking v${v1.number}`);
  await t.say('three');
  await t.expectPrompt('Location 9 B.');
  await expect(t.page.getByTestId('process')).toHaveText(`case-picking v${v2.number}`);
  await t.sayAll(['two one', 'two']);
  await t.expectPrompt('Aisle 14.');
  const assignment = await (await fetch(`${useServer().wms.url}/picking/assignments/10234`)).json();
  expect(assignment.picks.map((x: { picked: number | null }) => x.picked)).toEqual([3, 2, null, null]);
  const emitted = await expectStoredOnce(t);
  const { rows } = await useServer().db.query<{ data: { switchedFrom?: { mapped: boolean; stateId: string; versionHash: string } }; version_hash: string }>(
    "SELECT data, version_hash FROM dialog_events WHERE id = ANY($1::uuid[]) AND type = 'session.start' ORDER BY ts", [emitted]);
  expect(rows.map((r) => r.version_hash)).toEqual([v1.hash, v2.hash]);
  expect(rows[1]!.data.switchedFrom).toMatchObject({ mapped: true, stateId: 'slot', versionHash: v1.hash });
  await context.close();
});
