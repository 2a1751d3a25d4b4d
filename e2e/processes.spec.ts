/** The process list: create, search, rename, duplicate, delete with confirmation; the Russian interface. */
import { expect, test } from './test.js';
import { newLoggedInPage } from './helpers.js';

test('manages processes and switches the interface to Russian', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  const dialogOk = page.getByTestId('process-dialog-ok');

  for (const [key, name] of [
    ['putaway-x', 'Putaway X'],
    ['replen-x', 'Replenishment X'],
  ]) {
    await page.getByTestId('process-new').click();
    await page.getByTestId('process-key').fill(key!);
    await page.getByTestId('process-name').fill(name!);
    await dialogOk.click();
    await expect(page.getByTestId('node-start')).toBeVisible();
    await page.getByTestId('back').click();
  }
  await expect(page.getByTestId('process-putaway-x')).toBeVisible();

  // A key that is taken: the server says so, the dialog stays with what was typed.
  await page.getByTestId('process-new').click();
  await page.getByTestId('process-key').fill('putaway-x');
  await page.getByTestId('process-name').fill('Again');
  await dialogOk.click();
  await expect(page.getByTestId('process-dialog')).toContainText(/taken|exists/i);
  await expect(page.getByTestId('process-name')).toHaveValue('Again');
  await page.keyboard.press('Escape');

  await page.getByTestId('process-search').fill('replen');
  await expect(page.getByTestId('process-putaway-x')).toHaveCount(0);
  await expect(page.getByTestId('process-replen-x')).toBeVisible();
  await page.getByTestId('process-search').fill('');

  await page.getByTestId('process-putaway-x').getByRole('button', { name: 'Rename' }).click();
  await page.getByTestId('process-name').fill('Putaway renamed');
  await dialogOk.click();
  await expect(page.getByTestId('process-putaway-x')).toContainText('Putaway renamed');

  await page.getByTestId('process-putaway-x').getByRole('button', { name: 'Duplicate' }).click();
  await page.getByTestId('process-key').fill('putaway-copy');
  await dialogOk.click();
  await expect(page.getByTestId('process-putaway-copy')).toBeVisible();

  // Delete asks first; cancelling keeps the process.
  await page.getByTestId('process-delete-putaway-copy').click();
  await expect(page.getByTestId('process-dialog')).toContainText('Delete process');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('process-putaway-copy')).toBeVisible();
  await page.getByTestId('process-delete-putaway-copy').click();
  await dialogOk.click();
  await expect(page.getByTestId('process-putaway-copy')).toHaveCount(0);

  await page.getByTestId('lang-switch').selectOption('ru');
  await expect(page.getByRole('heading', { name: 'Процессы' })).toBeVisible();
  await page.getByTestId('process-replen-x').getByRole('button', { name: /Replenishment X/ }).click();
  await expect(page.getByTestId('tab-inspector')).toHaveText('Свойства');
  await expect(page.getByTestId('palette-ask')).toContainText('Спросить');
  await page.screenshot({ path: testInfo.outputPath('russian-editor.png') });
});
