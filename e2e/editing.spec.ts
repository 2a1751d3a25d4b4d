/**
 * Editing across processes in the real app: copy and paste through the system clipboard from
 * one process into another, the keyboard-shortcut overlay, auto-layout (undoable), and a
 * subflow node that picks its process from the server's list and shows the callee's outcomes.
 */
import { expect, test, type Page } from './test.js';
import { baseUrl, expectSaved, newLoggedInPage } from './helpers.js';

async function createProcess(page: Page, key: string, name: string): Promise<void> {
  await page.getByTestId('process-new').click();
  await page.getByTestId('process-key').fill(key);
  await page.getByTestId('process-name').fill(name);
  await page.getByTestId('process-dialog-ok').click();
  await expect(page.getByTestId('node-start')).toBeVisible();
}

const centre = async (page: Page, testId: string) => {
  const b = (await page.getByTestId(testId).boundingBox())!;
  return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
};

test('copy/paste between processes, shortcut help, auto-layout, subflow picker', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  const canvas = page.getByTestId('canvas');
  const pane = canvas.locator('.react-flow__pane');

  // A callee with two named outcomes, straight through the API (the end inspector names none).
  const callee = {
    formatVersion: 1,
    process: { key: 'edit-callee', name: 'Edit callee', languages: ['en'], variables: [], globalWords: [] },
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'ok', kind: 'end', position: { x: 0, y: 160 }, data: { outcome: 'confirmed' } },
    ],
    edges: [{ id: 'e1', source: 'start', outcome: 'next', target: 'ok' }],
  };
  const created = await page.request.post(`${baseUrl()}/api/processes`, { data: { key: 'edit-callee', name: 'Edit callee', graph: callee } });
  expect(created.ok(), await created.text()).toBe(true);

  // Process A: a say node, copied to the system clipboard.
  await createProcess(page, 'edit-a', 'Edit A');
  await page.getByTestId('palette-say').dragTo(canvas, { targetPosition: { x: 300, y: 300 } });
  await expect(page.getByTestId('node-say1')).toBeVisible();
  await page.getByTestId('node-say1').locator('.vm-card-header').click();
  await page.keyboard.press('ControlOrMeta+c');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('"voiceman/nodes"');

  // The shortcut overlay lists the registry's commands with their keys; Escape closes it.
  await pane.click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Copy/ })).toContainText(/Ctrl\+C|⌘C/i);
  await expect(help.getByRole('row', { name: /Auto-layout|layout/i })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('help-overlay.png') });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Auto-layout moves the nodes (start above say1, in one column) and is one undo step.
  const before = await centre(page, 'node-say1');
  await page.keyboard.press('Shift+L');
  await expect.poll(async () => (await centre(page, 'node-say1')).x !== before.x || (await centre(page, 'node-say1')).y !== before.y).toBe(true);
  await page.keyboard.press('ControlOrMeta+z');
  await page.getByTestId('cmd-fitView').click();
  await expectSaved(page);
  await page.getByTestId('back').click();

  // Process B: paste what A copied.
  await createProcess(page, 'edit-b', 'Edit B');
  await pane.click({ position: { x: 200, y: 200 } });
  await page.keyboard.press('ControlOrMeta+v');
  await expect(page.locator('.react-flow__node[data-id] [data-kind="say"]')).toHaveCount(1);

  // A subflow node picks its process from the list (not itself) and takes the callee's outcomes.
  await page.getByTestId('palette-subflow').dragTo(canvas, { targetPosition: { x: 500, y: 150 } });
  await expect(page.getByTestId('node-subflow1')).toBeVisible();
  const picker = page.getByTestId('subflow-process');
  await expect(picker).toHaveAttribute('data-loaded', 'true');
  await expect(picker.locator('option[value="edit-b"]')).toHaveCount(0);
  await expect(picker.locator('option[value="edit-a"]')).toHaveCount(1);
  await picker.selectOption('edit-callee');
  await expect(page.getByTestId('node-subflow1')).toContainText('edit-callee');
  await expect(page.getByTestId('handle-subflow1-confirmed')).toBeAttached();
  await expect(page.getByTestId('handle-subflow1-done')).toHaveCount(0);
  await page.getByTestId('subflow-version').selectOption('draft');
  await expect(page.getByTestId('subflow-version')).toHaveValue('draft');
  await page.screenshot({ path: testInfo.outputPath('subflow-picker.png') });
});
