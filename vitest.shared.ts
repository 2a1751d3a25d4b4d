import { fileURLToPath } from 'node:url';

/**
 * Workspace packages resolve to their TypeScript sources in tests and in the designer's Vite
 * build, so nothing has to be built before `vitest` runs; Node at run time uses `dist/`.
 */
export const workspaceAliases = {
  '@voiceman/runtime': fileURLToPath(new URL('./runtime/src/index.ts', import.meta.url)),
  '@voiceman/compiler': fileURLToPath(new URL('./compiler/src/index.ts', import.meta.url)),
  '@voiceman/examples': fileURLToPath(new URL('./examples/src/index.ts', import.meta.url)),
};
