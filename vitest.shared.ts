import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Workspace packages resolve to their TypeScript sources in tests and in the designer's Vite
 * build, so nothing has to be built before `vitest` runs; Node at run time uses `dist/`.
 * Exact-match on the bare name only: subpath imports (`@voiceman/runtime/schema/...`) go
 * through the package's `exports` as usual.
 */
export const workspaceAliases = [
  { find: /^@voiceman\/runtime$/, replacement: src('./runtime/src/index.ts') },
  { find: /^@voiceman\/compiler$/, replacement: src('./compiler/src/index.ts') },
  // The version hash alone (canonical JSON + sha256), for bundles that must not carry the compiler.
  { find: /^@voiceman\/compiler\/canonical$/, replacement: src('./compiler/src/canonical.ts') },
  { find: /^@voiceman\/compiler\/package$/, replacement: src('./compiler/src/package/index.ts') },
  { find: /^@voiceman\/simulator$/, replacement: src('./simulator/src/index.ts') },
  { find: /^@voiceman\/simulator\/compile$/, replacement: src('./simulator/src/compile.ts') },
  { find: /^@voiceman\/simulator\/inspect$/, replacement: src('./simulator/src/inspect-ws.ts') },
  { find: /^@voiceman\/examples$/, replacement: src('./examples/src/index.ts') },
];
