import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'android-shell',
    root: import.meta.dirname,
    include: ['web/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 20000,
  },
});
