import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run covers every workspace; each package keeps its own vitest.config.ts (environment,
// setup files, timeouts) so a package can also be tested alone with `npx vitest run --project <name>`.
export default defineConfig({
  test: {
    projects: ['runtime', 'compiler', 'simulator', 'cli', 'server', 'examples', 'designer', 'android-shell', 'ops'].map((dir) => `${dir}/vitest.config.ts`),
    // Vitest's default is one worker less than the cores: on CI's 2 cores that is 1, a serial run.
    // Many files wait on PostgreSQL, child processes and servers, so 2 files at once keep both
    // cores busy (measured in the README's test section). Vitest's VITEST_MAX_WORKERS overrides it.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
