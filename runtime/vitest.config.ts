import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'runtime',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A limit against hangs, not a speed check: with two files at once on a busy 2-core machine
    // the CPU-heavy cases (large generated flows, property runs) took over the default 5 s.
    testTimeout: 20_000,
  },
});
