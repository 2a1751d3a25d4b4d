/**
 * Version diff in the editor: a changed prompt since the newest version is listed under that
 * version in the Versions tab, and the publish dialog's note is pre-filled with it.
 */
import { expect, test } from '@playwright/test';
import { baseUrl, newLoggedInPage } from './helpers.js';

const graph = (text: string) => ({
  formatVersion: 1,
  process: { key: 'diff-e2e', name: 'Diff e2e', languages: ['en'], variables: [], globalWords: [] },
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'greet', kind: 'say', position: { x: 0, y: 120 }, data: { text: { en: text } } },
    { id: 'end', kind: 'end', position: { x: 0, y: 240 }, data: {} },
  ],
  edges: [
    { id: 'start-next', source: 'start', outcome: 'next', target: 'greet' },
    { id: 'greet-next', source: 'greet', outcome: 'next', target: 'end' },
  ],
});

test('the editor lists what changed since a version, and the publish note starts from it', async ({ browser }) => {
  const page = await newLoggedInPage(browser);
  const base = baseUrl();
  const save = async (text: string) => {
    const current = await (await page.request.get(`${base}/api/processes/diff-e2e`)).json();
    const res = await page.request.put(`${base}/api/processes/diff-e2e/draft`, { data: { graph: graph(text), revision: current.revision } });
    expect(res.status()).toBe(200);
    return (await res.json()).revision as number;
  };
  await page.request.post(`${base}/api/processes`, { data: { key: 'diff-e2e', name: 'Diff e2e' } });
  const revision = await save('Hello there.');
  const published = await page.request.post(`${base}/api/processes/diff-e2e/versions`, { data: { note: 'base', revision, allowSame: true } });
  expect(published.status(), await published.text()).toBe(201);
  const { number } = await published.json();
  await save('Hello again.');

  await page.goto(`${base}/#/p/diff-e2e`);
  await page.getByTestId('tab-versions').click();
  await page.getByTestId(`version-diff-${number}`).click();
  const line = 'prompt greet text.en: "Hello there." → "Hello again."';
  await expect(page.getByTestId('version-diff-list')).toHaveText(line);

  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-note')).toHaveValue(`- ${line}`);
});
