/**
 * Issue #15: a request's retry policy and its outcomes by failure class, edited in the
 * inspector; each ticked class is a handle on the card, and the saved draft holds the policy.
 */
import { expect, test } from './test.js';
import { baseUrl, expectSaved, newLoggedInPage } from './helpers.js';

const at = (x: number, y: number) => ({ x, y });

test('retry statuses, backoff and failure-class outcomes are edited in the inspector and shown on the card', async ({ browser }) => {
  const page = await newLoggedInPage(browser);
  const flow = {
    formatVersion: 1,
    process: { key: 'retry-edit', name: 'Retry edit', languages: ['en'], variables: [], globalWords: [] },
    nodes: [
      { id: 'start', kind: 'start', position: at(0, 0), data: {} },
      { id: 'call', kind: 'request', position: at(0, 150), data: { method: 'GET', url: 'https://wms.example/x', timeoutMs: 5000, retries: 2, mapping: [] } },
      { id: 'bye', kind: 'end', position: at(0, 400), data: { text: { en: 'Bye' }, outcome: 'signedOff' } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'call' },
      { id: 'e2', source: 'call', outcome: 'ok', target: 'bye' },
      { id: 'e3', source: 'call', outcome: 'error', target: 'bye' },
    ],
  };
  expect((await page.request.post(baseUrl() + '/api/processes', { data: { key: 'retry-edit', name: 'Retry edit', graph: flow } })).status()).toBe(201);
  await page.goto(baseUrl() + '/#/p/retry-edit');
  await expect(page.getByTestId('node-bye')).toContainText('signedOff');
  await page.getByTestId('node-call').click();

  await page.getByTestId('request-retry-statuses').fill('500, 503, 200');
  await expect(page.getByText('Not a status from 400 to 599: 200')).toBeVisible();
  await page.getByTestId('request-backoff').selectOption('exponential');
  await page.getByTestId('request-backoff-delay').fill('800');
  await page.getByTestId('request-error-notFound').check();
  await page.getByTestId('request-error-timeout').check();

  // The ticked classes are handles between ok and error; the card names the statuses retried.
  await expect(page.getByTestId('handle-call-notFound')).toBeAttached();
  await expect(page.getByTestId('handle-call-timeout')).toBeAttached();
  await expect(page.getByTestId('node-call')).toContainText('×2 · 500, 503');
  await expectSaved(page);
  const saved = (await (await page.request.get(`${baseUrl()}/api/processes/retry-edit`)).json()).graph;
  expect(saved.nodes.find((n: { id: string }) => n.id === 'call').data).toMatchObject({
    retryStatuses: [500, 503],
    backoff: { type: 'exponential', delayMs: 800 },
    errorOutcomes: ['notFound', 'timeout'],
  });
  await page.context().close();
});
