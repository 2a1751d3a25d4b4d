/**
 * Two people (two browser contexts) edit one draft. The second save meets a 409; nothing is
 * lost: the local copy survives a reload, the person chooses, and the other side's loss is
 * one undo away.
 */
import { expect, test, type Page } from './test.js';
import { baseUrl, expectSaved, newLoggedInPage } from './helpers.js';

const graph = {
  formatVersion: 1,
  process: { key: 'conflict', name: 'Conflict', languages: ['en'], variables: [], globalWords: [] },
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'say1', kind: 'say', position: { x: 0, y: 150 }, data: { text: { en: 'Hello' } } },
    { id: 'end1', kind: 'end', position: { x: 0, y: 320 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', outcome: 'next', target: 'say1' },
    { id: 'e2', source: 'say1', outcome: 'next', target: 'end1' },
  ],
};

async function setLabel(page: Page, nodeId: string, label: string) {
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId('inspector-label').fill(label);
}

test('a concurrent edit is resolved without losing work', async ({ browser }, testInfo) => {
  const a = await newLoggedInPage(browser);
  const b = await newLoggedInPage(browser);
  const created = await a.request.post(`${baseUrl()}/api/processes`, { data: { key: 'conflict', name: 'Conflict', graph } });
  expect(created.status()).toBe(201);
  for (const page of [a, b]) {
    await page.goto(`${baseUrl()}/#/p/conflict`);
    await expect(page.getByTestId('node-say1')).toBeVisible();
  }

  await setLabel(a, 'say1', 'From A');
  await expectSaved(a);

  // B still holds the old revision: its save is refused and B is asked.
  await setLabel(b, 'say1', 'From B');
  await expect(b.getByTestId('conflict-dialog')).toBeVisible({ timeout: 15_000 });
  await expect(b.getByTestId('node-say1')).toContainText('From B');
  await b.screenshot({ path: testInfo.outputPath('conflict-dialog.png') });

  // Even a reload keeps B's unsaved edit (local copy), and asks again.
  await b.reload();
  await expect(b.getByTestId('node-say1')).toContainText('From B');
  await expect(b.getByTestId('conflict-dialog')).toBeVisible({ timeout: 15_000 });
  await b.getByTestId('conflict-mine').click();
  await expectSaved(b);
  const stored = await (await b.request.get(`${baseUrl()}/api/processes/conflict`)).json();
  expect(stored.graph.nodes.find((n: { id: string }) => n.id === 'say1').label).toBe('From B');

  // A edits again, meets B's save, takes B's graph — and A's own edits are one undo away.
  await setLabel(a, 'end1', 'A again');
  await expect(a.getByTestId('conflict-dialog')).toBeVisible({ timeout: 15_000 });
  await a.getByTestId('conflict-theirs').click();
  await expect(a.getByTestId('node-say1')).toContainText('From B');
  await expect(a.getByTestId('node-end1')).not.toContainText('A again');
  await expectSaved(a);
  await a.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await a.keyboard.press('ControlOrMeta+z');
  await expect(a.getByTestId('node-say1')).toContainText('From A');
  await expect(a.getByTestId('node-end1')).toContainText('A again');
  await expectSaved(a);
  const final = await (await a.request.get(`${baseUrl()}/api/processes/conflict`)).json();
  expect(final.graph.nodes.find((n: { id: string }) => n.id === 'end1').label).toBe('A again');
  await a.screenshot({ path: testInfo.outputPath('conflict-resolved.png') });
});
