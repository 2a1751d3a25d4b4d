/**
 * Version diff in the editor: what changed since a version is listed under it in the Versions
 * tab and coloured on the canvas (added, changed, and removed nodes as ghosts where they were),
 * and the publish dialog's note is pre-filled with it.
 */
import { expect, test } from './test.js';
import { baseUrl, newLoggedInPage } from './helpers.js';

/** Version 1 goes start → greet → hint → end; the draft drops `hint` for `extra` and rewords greet. */
const graph = (text: string, middle: 'hint' | 'extra') => ({
  formatVersion: 1,
  process: { key: 'diff-e2e', name: 'Diff e2e', languages: ['en'], variables: [], globalWords: [] },
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'greet', kind: 'say', position: { x: 0, y: 140 }, data: { text: { en: text } } },
    { id: middle, kind: 'say', position: { x: middle === 'hint' ? 0 : 320, y: 280 }, data: { text: { en: middle === 'hint' ? 'A hint.' : 'Something new.' } } },
    { id: 'end', kind: 'end', position: { x: 0, y: 420 }, data: {} },
  ],
  edges: [
    { id: 'start-next', source: 'start', outcome: 'next', target: 'greet' },
    { id: `greet-${middle}`, source: 'greet', outcome: 'next', target: middle },
    { id: `${middle}-end`, source: middle, outcome: 'next', target: 'end' },
  ],
});

test('the editor lists what changed since a version, and the publish note starts from it', async ({ browser }) => {
  const page = await newLoggedInPage(browser);
  const base = baseUrl();
  const save = async (text: string, middle: 'hint' | 'extra') => {
    const current = await (await page.request.get(`${base}/api/processes/diff-e2e`)).json();
    const res = await page.request.put(`${base}/api/processes/diff-e2e/draft`, { data: { graph: graph(text, middle), revision: current.revision } });
    expect(res.status()).toBe(200);
    return (await res.json()).revision as number;
  };
  await page.request.post(`${base}/api/processes`, { data: { key: 'diff-e2e', name: 'Diff e2e' } });
  const revision = await save('Hello there.', 'hint');
  const published = await page.request.post(`${base}/api/processes/diff-e2e/versions`, { data: { note: 'base', revision, allowSame: true } });
  expect(published.status(), await published.text()).toBe(201);
  const { number } = await published.json();
  await save('Hello again.', 'extra');

  await page.goto(`${base}/#/p/diff-e2e`);
  await page.getByTestId('tab-versions').click();
  await page.getByTestId(`version-diff-${number}`).click();
  const line = 'prompt greet text.en: "Hello there." → "Hello again."';
  await expect(page.getByTestId('version-diff-list')).toContainText(line);
  await expect(page.getByTestId('version-diff-legend')).toHaveText('1 added 1 changed 1 removed (dashed on the canvas)');
  // On the canvas: greet changed, extra added, hint drawn as a ghost where it was.
  await expect(page.getByTestId('node-greet')).toHaveAttribute('data-diff', 'changed');
  await expect(page.getByTestId('node-extra')).toHaveAttribute('data-diff', 'added');
  await expect(page.getByTestId('node-hint')).toHaveAttribute('data-diff', 'removed');
  await expect(page.getByTestId('node-start')).not.toHaveAttribute('data-diff', /.+/);
  await expect(page.locator('.react-flow__edge.is-diff-removed')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge.is-diff-added')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/version-diff-canvas.png' });
  // Closing the comparison takes it off the canvas.
  await page.getByTestId(`version-diff-${number}`).click();
  await expect(page.getByTestId('node-hint')).toHaveCount(0);
  await expect(page.getByTestId('node-greet')).not.toHaveAttribute('data-diff', /.+/);

  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-note')).toHaveValue(new RegExp(`^- ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
});
