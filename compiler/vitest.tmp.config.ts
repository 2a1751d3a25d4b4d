import { defineConfig } from 'vitest/config';
export default defineConfig({
  resolve: { alias: [{ find: /^@voiceman\/runtime$/, replacement: '/tmp/rt-shim/index.ts' }] },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
