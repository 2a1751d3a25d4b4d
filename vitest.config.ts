import { defineConfig } from 'vitest/config';

// One run covers every workspace; each package keeps its own vitest.config.ts (environment,
// setup files, timeouts) so a package can also be tested alone with `npx vitest run --project <name>`.
export default defineConfig({
  test: {
    projects: ['runtime', 'compiler', 'simulator', 'cli', 'server', 'examples', 'designer', 'android-shell', 'ops'].map((dir) => `${dir}/vitest.config.ts`),
  },
});
