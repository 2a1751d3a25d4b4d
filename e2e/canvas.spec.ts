/**
 * The canvas as a new designer meets it (real server, Chromium): nodes added next to the
 * selection and wired, connecting by a drop on a card or from the keyboard, the edges of the
 * selected node, an edge in the inspector, finding a node, the minimap out of the way, the
 * command palette, the favicon.
 */
import { expect, test, type Page } from './test.js';
import { baseUrl, newLoggedInPage, viewportSettled } from './helpers.js';

async function newProcess(page: Page, key: string): Promise<void> {
  await page.getByTestId('process-new').click();
  await page.getByTestId('process-key').fill(key);
  await page.getByTestId('process-name').fill(key);
  await page.getByTestId('process-dialog-ok').click();
  await expect(page.getByTestId('node-start')).toBeVisible();
}

async function box(page: Page, id: string) {
  return (await page.getByTestId(`node-${id}`).boundingBox())!;
}

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('the favicon answers', async ({ request }) => {
  const res = await request.get(`${baseUrl()}/favicon.ico`);
  expect(res.status()).toBe(200);
  expect((await res.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});

test('nodes added from the palette land next to the selected node, wired from its first open outcome', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  await newProcess(page, 'canvas-add');
  await page.getByTestId('node-start').click();
  await page.getByTestId('palette-ask').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-ask1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'ask1');
  // From the command palette, with ask1 selected: wired from ask1's first outcome.
  await page.getByTestId('node-ask1').locator('.vm-card-header').click();
  await page.keyboard.press('ControlOrMeta+k');
  await page.getByTestId('command-input').fill('say');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-say1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  const cards = ['start', 'ask1', 'say1'];
  for (const a of cards) for (const b of cards) if (a < b) expect(overlap(await box(page, a), await box(page, b)), `${a} / ${b}`).toBe(false);
  expect((await box(page, 'say1')).y).toBeGreaterThan((await box(page, 'ask1')).y);
  // One undo step takes the node and its edge away together.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('node-say1')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('added.png') });
});

test('a drop on a card body connects; the keyboard connects by outcome then target; the source stays in the inspector', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  await newProcess(page, 'canvas-connect');
  await page.getByTestId('node-start').click();
  await page.getByTestId('palette-ask').click();
  await expect(page.getByTestId('node-ask1')).toBeVisible();
  // Nothing selected: an end added in free space, unwired.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.getByTestId('palette-end').click();
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.getByTestId('palette-say').click();
  await expect(page.getByTestId('node-end1')).toBeVisible();
  await expect(page.getByTestId('node-say1')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await page.keyboard.press('Shift+F');
  await viewportSettled(page);

  // Drag ask1's "ready" handle onto the middle of end1's card (not onto its input handle).
  const handle = (await page.getByTestId('handle-ask1-ready').boundingBox())!;
  const end = await box(page, 'end1');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2 + 5, { steps: 10 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height * 0.7, { steps: 3 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'ask1');

  // The keyboard: C, the outcome, then the target by its text.
  await page.keyboard.press('c');
  await expect(page.getByTestId('connect-outcome')).toBeVisible();
  await expect(page.getByTestId('connect-outcome').locator('[data-active="true"]')).toContainText('noInput');
  await page.getByTestId('command-input').fill('nomatch');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connect-target')).toBeVisible();
  await page.getByTestId('command-input').fill('say1');
  await page.screenshot({ path: testInfo.outputPath('connect-target.png') });
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'ask1');
  // The next keystrokes still reach the editor: undo takes the last connection back.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // The selected node's edges stand out: one in (from start), two out.
  await expect(page.locator('.react-flow__edge.is-linked-in')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge.is-linked-out')).toHaveCount(2);
  await expect(page.locator('.vm-edge-label.is-out').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('linked-edges.png') });

  // An edge clicked shows in the inspector and can be deleted there.
  await page.getByTestId('node-end1').click();
  const endEdge = page.locator('.react-flow__edge.is-linked-in');
  await expect(endEdge).toHaveCount(1);
  await endEdge.locator('.react-flow__edge-interaction').dispatchEvent('click');
  await expect(page.getByTestId('edge-inspector')).toBeVisible();
  await expect(page.getByTestId('edge-outcome')).toHaveText('ready');
  await expect(page.getByTestId('edge-source')).toHaveText('ask1');
  await expect(page.getByTestId('edge-target')).toHaveText('end1');
  await page.screenshot({ path: testInfo.outputPath('edge-inspector.png') });
  await page.getByTestId('edge-delete').click();
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
});

test('find a node by id or text; the minimap hides and moves; the command palette lists commands alike', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  await newProcess(page, 'canvas-find');
  await page.getByTestId('node-start').click();
  await page.getByTestId('palette-say').click();
  await expect(page.getByTestId('node-say1')).toBeVisible();
  await page.getByTestId('say-text-en').locator('.view-lines').click();
  await page.keyboard.type('Deliver to door five');
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await expect(page.getByTestId('inspector')).toHaveCount(0);

  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.getByTestId('find-node')).toBeVisible();
  await page.getByTestId('command-input').fill('door');
  await expect(page.getByTestId('pick-say1')).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', 'say1');
  await expect(page.getByTestId('node-say1')).toHaveClass(/is-selected/);

  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toHaveClass(/bottom right/);
  await page.keyboard.press('Shift+M');
  await expect(minimap).toHaveClass(/bottom left/);
  await page.keyboard.press('m');
  await expect(minimap).toHaveCount(0);
  // Remembered: the next page opens without it.
  await page.reload();
  await expect(page.getByTestId('node-start')).toBeVisible();
  await expect(minimap).toHaveCount(0);
  await page.keyboard.press('m');
  await expect(minimap).toBeVisible();

  await page.keyboard.press('ControlOrMeta+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette.locator('[data-active="true"]')).toHaveCount(1);
  await expect(palette.locator('li').first().locator('button')).toHaveAttribute('data-active', 'true');
  for (const id of ['findNode', 'export', 'publish', 'fitView']) await expect(page.getByTestId(`pick-cmd-${id}`)).toBeVisible();
  // Node rows and command rows start their text at the same x.
  const kindText = (await page.getByTestId('pick-kind-ask').locator('.vm-command-text').boundingBox())!;
  const cmdText = (await page.getByTestId('pick-cmd-export').locator('.vm-command-text').boundingBox())!;
  expect(Math.abs(kindText.x - cmdText.x)).toBeLessThan(1);
  await page.screenshot({ path: testInfo.outputPath('palette.png') });
  await page.getByTestId('command-input').fill('no such thing');
  await expect(page.getByTestId('command-empty')).toHaveText('No results');
  await page.getByTestId('command-input').fill('find');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-node')).toBeVisible();
});
