/**
 * A web-assets update: an admin uploads a newer terminal bundle; the heartbeat offers it, the
 * terminal downloads it, checks its sha256, keeps the task running on the old bundle and
 * switches to the new one at the end of the session.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './test.js';
// @ts-expect-error plain ESM build script without types
import { build } from '../android-shell/scripts/build.mjs';
import { SIGN_ON, TerminalPage } from './terminal-helpers.js';
import { useTerminalServer } from './terminal-server.js';

const useServer = useTerminalServer();

test('a newer web bundle is downloaded, checked and taken only when the task ends', async ({ browser }) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(join(tmpdir(), 'vm-terminal-release-'));
  const release = (await build(dir, { webVersion: '9.0.0' })) as { sha256: string };
  const bytes = await readFile(join(dir, 'app.js'));
  await rm(dir, { recursive: true, force: true });
  const context = await browser.newContext({ viewport: { width: 480, height: 800 } });
  const t = await TerminalPage.open(context, 'fake', useServer(), '?rules=1000&heartbeat=1000');
  await t.pair('e2e update');
  await t.choose('case-picking');
  await t.sayAll(SIGN_ON);
  // Released while the operator works (an idle terminal takes it at once).
  const uploaded = await useServer().admin.call<{ sha256: string }>('POST', '/api/shell-releases', { kind: 'web', version: '9.0.0', base64: bytes.toString('base64') });
  expect(uploaded.status).toBe(201);
  expect(uploaded.body.sha256).toBe(release.sha256);

  await expect(t.page.getByTestId('messages')).toContainText('Update 9.0.0 downloaded', { timeout: 30_000 });
  // Mid-task the old bundle keeps running.
  expect(await t.page.evaluate(() => (window as unknown as { voicemanBundle?: string }).voicemanBundle)).toBeUndefined();
  await t.sayAll(['sign off', 'yes']);
  // The boundary: the page reloads into the downloaded bundle, which reports its version.
  await t.page.waitForFunction(() => (window as unknown as { voicemanBundle?: string }).voicemanBundle === '9.0.0', undefined, { timeout: 30_000 });
  await expect(t.page.getByTestId('chooser')).toBeVisible();
  await expect.poll(async () => {
    const list = await useServer().admin.call<{ name: string; webVersion: string | null }[]>('GET', '/api/terminals');
    return list.body.find((x) => x.name === 'e2e update')?.webVersion;
  }, { timeout: 30_000 }).toBe('9.0.0');
  await context.close();
});
