import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../vitest.shared.js';

// Only the quick, pure parts run under Vitest; the scenarios themselves are `npm run faults` / `npm run ha`.
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { name: 'ops', root: import.meta.dirname, include: ['src/**/*.test.ts'] },
});
