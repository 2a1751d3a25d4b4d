import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'examples',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'wms/**/*.test.ts', 'authoring/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20000,
  },
});
