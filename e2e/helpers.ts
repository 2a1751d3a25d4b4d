import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const baseUrl = () => {
  const url = process.env.VOICEMAN_E2E_URL;
  if (!url) throw new Error('VOICEMAN_E2E_URL is not set: run through playwright.config.ts (global setup starts the server)');
  return url;
};
export const adminPassword = () => process.env.VOICEMAN_E2E_PASSWORD ?? '';

export async function login(page: Page, username = 'admin', password = adminPassword(), url = baseUrl()): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel(/User name|Имя пользователя/).fill(username);
  await page.getByLabel(/^Password|^Пароль/).fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('process-search')).toBeVisible();
}

export async function newLoggedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
  const page = await context.newPage();
  await login(page);
  return page;
}

/** Waits until the draft autosave reports the server has it. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
}

/** Replaces the text of a Monaco field. */
export async function typeInCode(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.locator('.monaco-editor').waitFor();
  await field.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  // Close a completion list that may cover the next field.
  await page.keyboard.press('Escape');
}

/** Selects and centres a node by its id (Ctrl+F), wherever the view is. */
export async function findNode(page: Page, id: string): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+f');
  await page.getByTestId('command-input').fill(id);
  await expect(page.getByTestId(`pick-${id}`)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-node', id);
}

/**
 * Connects from the keyboard, at any zoom: find the source (Ctrl+F), C, the outcome, then the
 * target by its id (an exact id ranks first).
 */
export async function connectByKeyboard(page: Page, fromNode: string, outcome: string, toNode: string): Promise<void> {
  await findNode(page, fromNode);
  await page.keyboard.press('c');
  await page.getByTestId('command-input').fill(outcome);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connect-target')).toBeVisible();
  await page.getByTestId('command-input').fill(toNode);
  await expect(page.getByTestId(`pick-${toNode}`)).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connect-target')).toHaveCount(0);
}

/** Drags from an outcome handle to a node's input. */
export async function connect(page: Page, fromNode: string, outcome: string, toNode: string): Promise<void> {
  const handle = page.getByTestId(`handle-${fromNode}-${outcome}`);
  const target = page.locator(`[data-id="${toNode}"] .vm-handle-in`);
  const a = (await handle.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Records every Content-Security-Policy violation the context's pages report; read them with `cspViolations(page)`. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
export const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/**
 * Waits until React Flow's viewport has stopped moving: its transform unchanged for `frames`
 * animation frames in a row, so an animated fit, centre or zoom (200-300 ms) has ended, however
 * slow the machine, instead of a fixed pause.
 */
export async function viewportSettled(page: Page, frames = 12): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const transform = () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform;
        let last = transform();
        let still = 0;
        const tick = () => {
          const now = transform();
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= n) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    frames,
  );
}
