/**
 * Issue #13, the forms a new process designer meets: process settings (a Russian-only process
 * needs no English), variables with typed defaults and flags, the quick fix that declares an
 * unknown variable, publish errors that jump to their node, an unchanged publish, undeploy
 * before delete, the process list's deployments and links, the Russian interface.
 */
import { expect, test, type Page } from './test.js';
import { baseUrl, expectSaved, newLoggedInPage } from './helpers.js';

const at = (x: number, y: number) => ({ x, y });

/** start → say (Russian text only, an undeclared variable) → ask (a number 1–99) → end. */
function coldStoreFlow(key: string) {
  return {
    formatVersion: 1,
    process: { key, name: 'Cold store', languages: ['en', 'ru'], variables: [], globalWords: [] },
    nodes: [
      { id: 'start', kind: 'start', position: at(0, 0), data: {} },
      { id: 'hello', kind: 'say', position: at(0, 150), data: { text: { ru: 'Добрый день, {{ operatorName }}' } } },
      {
        id: 'qty', kind: 'ask', position: at(0, 320),
        data: {
          prompt: { en: 'How many?', ru: 'Сколько?' },
          outcomes: [{ name: 'count', grammar: { type: 'number', min: 1, max: 99 } }],
          noInput: { reprompts: [], maxAttempts: 2 }, noMatch: { reprompts: [], maxAttempts: 2 },
        },
      },
      { id: 'bye', kind: 'end', position: at(0, 520), data: { text: { en: 'Bye', ru: 'Пока' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', outcome: 'next', target: 'qty' },
      { id: 'e3', source: 'qty', outcome: 'count', target: 'bye' },
      { id: 'e4', source: 'qty', outcome: 'noInput', target: 'bye' },
      { id: 'e5', source: 'qty', outcome: 'noMatch', target: 'bye' },
    ],
  };
}

const draft = async (page: Page, key: string) => (await (await page.request.get(`${baseUrl()}/api/processes/${key}`)).json()).graph;
const problems = (page: Page, code: string) => page.locator(`[data-testid="diagnostic"][data-code="${code}"]`);

test('process settings, variables and the quick fix; then the same editor in Russian', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);

  // The key rule is stated before the server is asked.
  await page.getByTestId('process-new').click();
  await page.getByTestId('process-key').fill('1cold');
  await expect(page.getByTestId('process-key-rule')).toHaveClass(/vm-error/);
  await expect(page.getByTestId('process-key-rule')).toContainText('starts with a lowercase letter');
  await expect(page.getByTestId('process-dialog-ok')).toBeDisabled();
  await page.keyboard.press('Escape');

  expect((await page.request.post(baseUrl() + '/api/processes', { data: { key: 'cold-forms', name: 'Cold store', graph: coldStoreFlow('cold-forms') } })).status()).toBe(201);
  await page.goto(baseUrl() + '/#/p/cold-forms');
  await expect(problems(page, 'missing-text')).toHaveCount(1);
  await expect(problems(page, 'cel-invalid')).toContainText('Unknown variable: operatorName');

  // Publish is blocked; a listed error jumps to its node like the problems panel.
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-errors').locator('[data-node="hello"]').first().click();
  await expect(page.getByTestId('publish-dialog')).toHaveCount(0);
  await expect(page.getByTestId('node-hello')).toHaveClass(/is-selected/);

  // A Russian-only warehouse: unchecking English removes the demand for English text; undoable.
  await page.getByTestId('tab-process').click();
  await page.getByTestId('settings-lang-en').uncheck();
  await expect(problems(page, 'missing-text')).toHaveCount(0);
  await expect(page.getByTestId('settings-lang-ru')).toBeDisabled(); // the last language stays
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('ControlOrMeta+Z');
  await page.getByTestId('tab-process').click();
  await expect(page.getByTestId('settings-lang-en')).toBeChecked();
  await expect(problems(page, 'missing-text')).toHaveCount(1);
  await page.getByTestId('settings-lang-en').uncheck();
  await page.getByTestId('settings-min-confidence').fill('0.6');
  await page.getByTestId('settings-no-input-timeout').fill('10');
  await page.getByTestId('settings-reference-tables').fill('bins');
  await page.getByTestId('settings-switch-qty').check();
  await expect(page.getByTestId('switch-point-qty')).toBeVisible();
  await expect(problems(page, 'missing-text')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('settings-english.png') });

  // The quick fix declares the variable, typed from where it is used (a spoken text: string).
  await page.getByTestId('quick-fix').filter({ hasText: 'operatorName' }).click();
  await expect(problems(page, 'cel-invalid')).toHaveCount(0);
  await page.getByTestId('tab-variables').click();
  await expect(page.getByTestId('variable-0-name')).toHaveValue('operatorName');
  await expect(page.getByTestId('variable-0-type')).toHaveValue('string');

  // Each type its own editor; a type change keeps the default valid.
  await page.getByTestId('variables-list-add').click();
  await page.getByTestId('variable-1-name').fill('wmsQty');
  await page.getByTestId('variable-1-default').fill('12');
  await page.getByTestId('variable-1-type').selectOption('int');
  await expect(page.getByTestId('variable-1-default')).toHaveAttribute('type', 'number');
  await expect(page.getByTestId('variable-1-default')).toHaveValue('12');
  await expect(problems(page, 'variable-default-type')).toHaveCount(0);
  await page.getByTestId('variable-1-type').selectOption('list');
  await expect(page.getByTestId('variable-1-default')).toHaveValue('[]');
  await page.getByTestId('variable-1-default').fill('{"a": 1}');
  await expect(page.getByTestId('variable-1-default')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('variable-1-default').fill('[1, 2]');
  await page.getByTestId('variable-0-input').check();
  await page.getByTestId('variable-0-description').fill('Who is signed in');
  await expect(page.getByTestId('diagnostics-count')).toHaveText('0 errors, 0 warnings');

  // Range boxes are labelled.
  await page.getByTestId('node-qty').click();
  await expect(page.getByLabel('Min', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Max', { exact: true })).toHaveValue('99');
  await page.screenshot({ path: testInfo.outputPath('forms-english.png') });

  await expectSaved(page);
  const graph = await draft(page, 'cold-forms');
  expect(graph.process).toMatchObject({
    languages: ['ru'],
    settings: { minConfidence: 0.6, noInputTimeoutMs: 10000 },
    referenceTables: ['bins'],
    variables: [
      { name: 'operatorName', type: 'string', default: '', input: true, description: 'Who is signed in' },
      { name: 'wmsQty', type: 'list', default: [1, 2] },
    ],
  });
  expect(graph.nodes.find((n: { id: string }) => n.id === 'qty').switchPoint).toBe(true);

  // Russian: the process has Russian text, so the cards show it; labels and counts in Russian.
  await page.getByTestId('lang-switch').selectOption('ru');
  await expect(page.getByTestId('tab-process')).toHaveText('Процесс');
  await expect(page.getByTestId('node-hello')).toContainText('Добрый день');
  await expect(page.getByTestId('node-qty')).toContainText('тишина');
  await expect(page.getByTestId('node-qty')).toContainText('число 1…99');
  await expect(page.getByTestId('diagnostics-count')).toHaveText('0 ошибок, 0 предупреждений');
  await expect(page.getByText('Реплика', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Мин.', { exact: true })).toHaveValue('1');
  // A problem in Russian, by its code.
  await page.getByTestId('tab-variables').click();
  await page.getByTestId('variables-list').locator('.vm-row .vm-icon-button').first().click();
  await expect(problems(page, 'cel-invalid')).toContainText('Переменная не объявлена');
  await expect(problems(page, 'cel-invalid')).toContainText('«operatorName»');
  await expect(page.getByTestId('diagnostics-count')).toHaveText('1 ошибка, 0 предупреждений');
  await page.screenshot({ path: testInfo.outputPath('forms-russian.png') });
  await page.getByTestId('tab-process').click();
  await expect(page.getByTestId('settings-lang-ru')).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('settings-russian.png') });
  await page.getByTestId('lang-switch').selectOption('en');
});

test('unchanged publish is said; a deployed process explains where it runs and is undeployed before delete', async ({ browser }, testInfo) => {
  const page = await newLoggedInPage(browser);
  const flow = coldStoreFlow('cold-deploy');
  flow.process.languages = ['ru'];
  (flow.process.variables as unknown[]).push({ name: 'operatorName', type: 'string', default: '' });
  expect((await page.request.post(baseUrl() + '/api/processes', { data: { key: 'cold-deploy', name: 'Cold deploy', graph: flow } })).status()).toBe(201);
  await page.goto(baseUrl() + '/#/p/cold-deploy');
  await expect(page.getByTestId('diagnostics-count')).toHaveText('0 errors, 0 warnings');

  await page.getByTestId('publish').click();
  await page.getByTestId('publish-note').fill('first');
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('toast')).toContainText('Published version 1');
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('publish-unchanged')).toContainText('Nothing changed since version 1');
  await expect(page.getByTestId('publish-submit')).toHaveText('Publish anyway');
  await page.screenshot({ path: testInfo.outputPath('publish-unchanged.png') });
  await page.getByTestId('publish-dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await (await page.request.get(baseUrl() + '/api/processes/cold-deploy/versions')).json()).toHaveLength(1);

  expect((await page.request.post(baseUrl() + '/api/sites/dev-lab/deployments', { data: { processKey: 'cold-deploy', versionNumber: 1 } })).status()).toBe(201);
  await page.getByTestId('back').click();
  await expect(page.getByTestId('deployments-cold-deploy')).toContainText('dev-lab (v1)');
  await expect(page.getByTestId('history-cold-deploy')).toHaveAttribute('href', '/history?process=cold-deploy');
  await expect(page.getByTestId('link-api-docs')).toHaveAttribute('href', '/docs');

  await page.getByTestId('process-delete-cold-deploy').click();
  await expect(page.getByTestId('delete-deployed')).toContainText('deployed at dev-lab');
  await expect(page.getByTestId('process-dialog-ok')).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath('delete-deployed.png') });
  await page.getByTestId('undeploy-dev-lab').click();
  await expect(page.getByTestId('process-dialog')).toContainText('Delete process');
  await page.getByTestId('process-dialog-ok').click();
  await expect(page.getByTestId('process-cold-deploy')).toHaveCount(0);
});
