/**
 * Playwright's `test` with one addition the specs import from here: every browser context a test
 * opened on the worker's shared `browser` (`browser.newContext()`, directly or via a helper) is
 * closed when the test ends. Playwright closes only the contexts of its own `page`/`context`
 * fixtures; left open, a spec's editors kept rendering and polling in the worker's browser
 * during every later test of that worker (a dozen at once by the end), slowing them under load.
 * Screenshots and traces are still taken: Playwright records them as a context closes.
 */
import { test as base } from '@playwright/test';

export * from '@playwright/test';

export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close().catch(() => undefined)));
    },
    { auto: true },
  ],
});
