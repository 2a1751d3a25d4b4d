/**
 * A designer's day in the real app (real server, PGlite, Chromium): build a small picking flow
 * by mouse and keyboard, meet and fix a diagnostic, undo/redo, publish, reload.
 */
import { expect, test } from './test.js';
import { connect, expectSaved, newLoggedInPage, typeInCode, viewportSettled } from './helpers.js';

test('a new user builds, fixes, publishes and reloads a picking flow', async ({ browser }, testInfo) => {
  // The longest story of the designer: past 60 s with two workers on a loaded machine.
  test.setTimeout(150_000);
  const page = await newLoggedInPage(browser);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // Create the process.
  await page.getByTestId('process-new').click();
  await page.getByTestId('process-key').fill('pick-e2e');
  await page.getByTestId('process-name').fill('Pick E2E');
  await page.getByTestId('process-dialog-ok').click();
  await expect(page.getByTestId('node-start')).toBeVisible();

  // A variable for the spoken check digits.
  await page.getByTestId('tab-variables').click();
  await page.getByTestId('variables-list-add').click();
  await page.getByTestId('variable-0-name').fill('checkDigits');

  // Ask: dragged from the palette.
  const canvas = page.getByTestId('canvas');
  await page.getByTestId('palette-ask').dragTo(canvas, { targetPosition: { x: 260, y: 120 } });
  await expect(page.getByTestId('node-ask1')).toBeVisible();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'ask1');
  await typeInCode(page, 'ask-prompt-en', 'Check digits?');
  await typeInCode(page, 'ask-prompt-ru', 'Контрольные цифры?');
  // A new ask expects "ready"; this one expects the check digits instead.
  await page.getByTestId('ask-outcome-0-name').fill('digits');
  await page.getByTestId('ask-outcome-0-type').selectOption('digits');
  await page.getByTestId('ask-saveAs').selectOption('checkDigits');
  await expect(page.getByTestId('node-ask1')).toContainText('Check digits?');

  // Decision: dragged too; End: added from the keyboard through the command palette.
  await page.getByTestId('palette-decision').dragTo(canvas, { targetPosition: { x: 260, y: 420 } });
  await expect(page.getByTestId('node-decision1')).toBeVisible();
  // A new decision has one branch (and `else`): make it the check.
  await page.getByTestId('decision-branch-0-name').fill('ok');
  await typeInCode(page, 'decision-branch-0-condition', 'checkDigit == "57"');
  // The live CEL check underlines the unknown name while typing.
  await expect(page.getByTestId('decision-branch-0-condition')).not.toHaveAttribute('data-issues', '0');

  await canvas.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('ControlOrMeta+k');
  await page.getByTestId('command-input').fill('end');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-end1')).toBeVisible();
  // It lands in free space, clear of the cards already there (it used to hide the start node).
  const endBox = (await page.getByTestId('node-end1').boundingBox())!;
  for (const other of ['start', 'ask1', 'decision1']) {
    const b = (await page.getByTestId(`node-${other}`).boundingBox())!;
    const apart = endBox.x >= b.x + b.width || b.x >= endBox.x + endBox.width || endBox.y >= b.y + b.height || b.y >= endBox.y + endBox.height;
    expect(apart, `end1 clear of ${other}`).toBe(true);
  }

  await connect(page, 'start', 'next', 'ask1');
  await connect(page, 'ask1', 'digits', 'decision1');
  await connect(page, 'ask1', 'noInput', 'end1');
  await connect(page, 'ask1', 'noMatch', 'end1');
  await connect(page, 'decision1', 'ok', 'end1');
  await connect(page, 'decision1', 'else', 'ask1');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await shot('1-built-with-error');

  // The compiler flags the condition; clicking the finding selects and centres the node.
  const finding = page.locator('[data-testid="diagnostic"][data-node="decision1"]').first();
  await expect(finding).toBeVisible();
  await page.getByTestId('tab-variables').click();
  await finding.click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'decision1');
  await expect(page.getByTestId('node-decision1')).toHaveClass(/has-error/);
  await typeInCode(page, 'decision-branch-0-condition', 'checkDigits == "57"');
  await expect(page.getByTestId('decision-branch-0-condition')).toHaveAttribute('data-issues', '0');
  await expect(page.getByTestId('diagnostics-count')).toContainText(/^0 errors/);
  await expect(page.getByTestId('node-decision1')).not.toHaveClass(/has-error/);
  await shot('2-fixed');

  // Undo and redo a deletion from the keyboard. Every card in view first: centring on the
  // finding can leave end1 under the inspector (seen under load), where no click reaches it.
  await page.getByTestId('cmd-fitView').click();
  await viewportSettled(page);
  await page.getByTestId('node-end1').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-end1')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('node-end1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(page.getByTestId('node-end1')).toHaveCount(0);
  await page.getByTestId('cmd-undo').click();
  await expect(page.getByTestId('node-end1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // Publish.
  await expectSaved(page);
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-note').fill('first cut');
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('toast')).toContainText('Published version 1');
  await shot('3-published');

  // Reload: everything is still there, from the server.
  await page.reload();
  await expect(page.getByTestId('node-decision1')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(page.getByTestId('node-ask1')).toContainText('Check digits?');
  await expect(page.getByTestId('diagnostics-count')).toContainText(/^0 errors/);

  // The published version opens read-only.
  await page.getByTestId('tab-versions').click();
  await page.getByTestId('version-open-1').click();
  await expect(page.getByTestId('readonly-banner')).toContainText('Version 1');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.getByTestId('palette-ask')).toBeDisabled();
  await shot('4-version-readonly');
});
