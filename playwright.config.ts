import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive Debian's Chromium (`npx playwright install` cannot work on our machines).
 * The e2e global setup starts the real server on a throw-away PGlite data dir.
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
};

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  // Two at once on CI's 2 cores: each spec makes its own processes (unique keys) on the shared
  // server or starts its own (port 0, its own data dir or database: e2e/server.ts), so no spec
  // depends on another's state or order, and much of a spec is waiting (servers starting,
  // autosave, WMS calls). A spec's own server start has its own long timeout (`useServer`), and
  // is stopped even when that times out. `--workers 1` for a serial run.
  workers: 2,
  reporter: [['list']],
  use: {
    launchOptions: chromiumLaunch,
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
