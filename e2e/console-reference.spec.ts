/**
 * What only a browser shows: a CSV picked from disk goes through the console's dry run (what
 * would change) before it is saved, the table's history gains the revision, and the audit page
 * finds the import under the admin's name.
 */
import { expect, test } from './test.js';
import { baseUrl, login } from './helpers.js';

test('an admin imports a CSV into a reference table after its dry run; the audit log names them', async ({ page }) => {
  await login(page);
  const table = `e2e_bins_${Date.now().toString(36)}`;
  const created = await page.request.put(`${baseUrl()}/api/reference/${table}`, { data: { rows: [{ key: 'A1', value: 'aisle 1' }, { key: 'A2', value: 'aisle 2' }] } });
  expect(created.ok()).toBe(true);

  await page.goto(`${baseUrl()}/#/admin/reference/${table}`);
  await expect(page.getByTestId('reference-key')).toHaveCount(2);
  await page.getByTestId('reference-import-file').setInputFiles({
    name: 'bins.csv', mimeType: 'text/csv', buffer: Buffer.from('key,value\r\nA1,"aisle 1, left"\r\nB7,bay 7\r\n'),
  });
  const dialog = page.getByTestId('reference-import');
  await expect(dialog.getByTestId('reference-import-changes')).toHaveText(/1 added, 1 changed, 1 removed, 0 unchanged|добавлено: 1, изменено: 1, удалено: 1/);
  await dialog.getByTestId('reference-import-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('reference-key')).toHaveCount(2);
  await expect(page.getByTestId('reference-value').first()).toHaveValue('aisle 1, left');
  await expect(page.getByTestId('reference-history').locator('tbody tr')).toHaveCount(2);

  await page.getByTestId('console-nav-audit').click();
  await page.getByTestId('audit-filter-action').selectOption('reference.import');
  await page.getByTestId('audit-filter-target').fill(table);
  await page.getByTestId('audit-apply').click();
  const row = page.getByTestId('audit-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('admin');
  await expect(row).toContainText(`${table} r2`);
});
