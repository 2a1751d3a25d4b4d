/**
 * The console's packages section on the shared server: an admin exports a published version
 * as a download, uploads it again and sees the dry run (signed by this
 * installation, everything already here, nothing to apply), then a changed copy is refused with
 * the item named.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from './test.js';
import { baseUrl, newLoggedInPage } from './helpers.js';

test('export a version from the console, and see the dry run of importing it back', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  // A published version of our own (the shared server has no examples).
  const base = baseUrl();
  await page.request.post(`${base}/api/processes`, { data: { key: 'package-e2e', name: 'Package e2e' } });
  const draft = await (await page.request.get(`${base}/api/processes/package-e2e`)).json();
  const published = await page.request.post(`${base}/api/processes/package-e2e/versions`, { data: { note: 'e2e', revision: draft.revision, allowSame: true } });
  expect(published.status()).toBe(201);
  const number = String((await published.json()).number);
  const label = `package-e2e@${number}`;
  await page.goto(`${base}/#/admin/packages`);
  await expect(page.getByTestId('packages-public-key')).toHaveValue(/^[A-Za-z0-9_-]{43}$/);

  await page.getByTestId('packages-export-process').selectOption('package-e2e');
  await expect(page.getByTestId('packages-export-version')).toHaveValue(number);
  await page.getByTestId('packages-export-add').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('packages-export-download').click()]);
  expect(download.suggestedFilename()).toBe(`voiceman-${label}-${new Date().toISOString().slice(0, 10)}.json`);
  const file = testInfo.outputPath('package.json');
  await download.saveAs(file);

  await page.getByTestId('packages-import-file').setInputFiles(file);
  const plan = page.getByTestId('packages-plan');
  await expect(plan).toContainText(/Signed by this installation|Подписан этой установкой/);
  await expect(page.getByTestId(`packages-plan-${label}`)).toContainText(/already here|уже есть/);
  await expect(page.getByTestId('packages-apply')).toBeDisabled();

  const pkg = JSON.parse(await readFile(file, 'utf8'));
  pkg.items.find((i: { processKey?: string }) => i.processKey === 'package-e2e').note = 'edited on the way';
  const tampered = testInfo.outputPath('tampered.json');
  await writeFile(tampered, JSON.stringify(pkg));
  await page.getByTestId('packages-import-file').setInputFiles(tampered);
  await expect(page.getByTestId('packages-error')).toContainText(`${label} does not match its sha256`);
  await expect(plan).toHaveCount(0);
});
