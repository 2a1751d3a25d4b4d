import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'cli',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
