/**
 * The designer under the server's Content-Security-Policy (server/src/plugins/security.ts):
 * login, canvas, Monaco and its workers, the live CEL check, with no violation reported.
 */
import { expect, test } from './test.js';
import { baseUrl, cspViolations, login, recordCspViolations, typeInCode } from './helpers.js';

test('the designer works under the CSP: no violation while editing a flow with Monaco', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await recordCspViolations(context);
  const page = await context.newPage();
  const first = await page.goto(`${baseUrl()}/`);
  expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
  await login(page);
  await page.getByTestId('process-new').click();
  await page.getByTestId('process-key').fill('csp-e2e');
  await page.getByTestId('process-name').fill('CSP E2E');
  await page.getByTestId('process-dialog-ok').click();
  await page.getByTestId('palette-decision').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 260, y: 300 } });
  await typeInCode(page, 'decision-branch-0-condition', 'unknownName == "57"');
  // The live CEL check runs in a worker: its underline proves the worker started.
  await expect(page.getByTestId('decision-branch-0-condition')).not.toHaveAttribute('data-issues', '0');
  const violations = () => cspViolations(page);
  expect(await violations()).toEqual([]);
  // The history login page: its script is a file now, not inline.
  await page.goto(`${baseUrl()}/login`);
  await expect(page.locator('#login')).toBeVisible();
  expect(await violations()).toEqual([]);
  await context.close();
});
