/**
 * Issue #15, the words a designer now edits: an ask's word that answers in place (its branch
 * ends at a Return node) and the process's built-in words, switched off in the Process tab.
 */
import { expect, test, type Page } from './test.js';
import { baseUrl, expectSaved, newLoggedInPage } from './helpers.js';

const at = (x: number, y: number) => ({ x, y });
const draft = async (page: Page, key: string) => (await (await page.request.get(`${baseUrl()}/api/processes/${key}`)).json()).graph;

/** start → ask "Pick 3" (hears "description": say → return) → end. */
function flow(key: string) {
  return {
    formatVersion: 1,
    process: { key, name: 'Words', languages: ['en'], variables: [], globalWords: [] },
    nodes: [
      { id: 'start', kind: 'start', position: at(0, 0), data: {} },
      {
        id: 'qty', kind: 'ask', position: at(0, 150),
        data: {
          prompt: { en: 'Pick 3.' },
          outcomes: [{ name: 'count', grammar: { type: 'number', min: 0, max: 9 } }],
          noInput: { reprompts: [], maxAttempts: 2 }, noMatch: { reprompts: [], maxAttempts: 2 },
          inPlaceWords: [{ name: 'description', phrases: { en: ['description'] }, target: 'describe' }],
        },
      },
      { id: 'bye', kind: 'end', position: at(0, 400), data: { text: { en: 'Bye' } } },
      { id: 'describe', kind: 'say', position: at(320, 150), data: { text: { en: 'Milk, one litre.' } } },
      { id: 'back', kind: 'return', position: at(320, 320), data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'qty' },
      { id: 'e2', source: 'qty', outcome: 'count', target: 'bye' },
      { id: 'e3', source: 'qty', outcome: 'noInput', target: 'bye' },
      { id: 'e4', source: 'qty', outcome: 'noMatch', target: 'bye' },
      { id: 'e5', source: 'describe', outcome: 'next', target: 'back' },
    ],
  };
}

test('an ask\'s in-place word and its Return node, and a built-in word switched off', async ({ browser }) => {
  const page = await newLoggedInPage(browser);
  expect((await page.request.post(`${baseUrl()}/api/processes`, { data: { key: 'voice-words', name: 'Words', graph: flow('voice-words') } })).status()).toBe(201);
  await page.goto(`${baseUrl()}/#/p/voice-words`);
  await expect(page.getByTestId('node-back')).toContainText('Back to the ask');
  await expect(page.locator('[data-testid="diagnostic"]')).toHaveCount(0);

  await page.getByTestId('node-qty').click();
  const words = page.getByTestId('ask-in-place-words');
  await expect(words.getByLabel('Word', { exact: true })).toHaveValue('description');

  await page.getByTestId('tab-process').click();
  await expect(page.getByTestId('settings-builtin-backUp-en')).toHaveValue('back up');
  await page.getByTestId('settings-builtin-backUp').uncheck();
  await expectSaved(page);
  expect((await draft(page, 'voice-words')).process.builtinWords).toEqual({ backUp: { off: true } });
});
