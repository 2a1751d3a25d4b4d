// Builds dist/: two ESM entries (the browser-lean core, and `compile` which adds the compiler),
// dependencies external, for Node and bundlers.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: [`${root}/src/index.ts`, `${root}/src/compile.ts`, `${root}/src/inspect-ws.ts`],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  external: ['@voiceman/runtime', '@voiceman/compiler', '@statelyai/inspect'],
  outdir: `${root}/dist`,
  sourcemap: true,
});
console.log('simulator: dist/index.js, dist/compile.js, dist/inspect-ws.js');
