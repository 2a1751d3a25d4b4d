// Builds dist/: the ESM entry (dependencies external, for Node and bundlers), one IIFE
// (`VoicemanRuntime`, everything inlined, for browsers, WebViews and QuickJS) and .d.ts files.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

export const iifeOptions = {
  entryPoints: [`${root}/src/index.ts`],
  bundle: true,
  format: 'iife',
  globalName: 'VoicemanRuntime',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  // xstate's package exports pick CommonJS without the "module" condition, and CommonJS
  // cannot be tree-shaken: with it, esbuild drops the xstate parts the runtime never imports.
  conditions: ['module'],
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  outfile: `${root}/dist/voiceman-runtime.iife.js`,
  banner: { js: readFileSync(`${root}/scripts/iife-polyfills.js`, 'utf8') },
};

/** dist/index.js: what Node and bundlers import (the benchmark measures this build too). */
export const esmOptions = {
  entryPoints: [`${root}/src/index.ts`],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  external: Object.keys(pkg.dependencies ?? {}),
  outfile: `${root}/dist/index.js`,
  sourcemap: true,
};

export async function buildIife(options = {}) {
  await build({ ...iifeOptions, ...options });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(esmOptions);
  await buildIife();
  execFileSync('npx', ['tsc', '-p', '.', '--emitDeclarationOnly', '--declaration', '--outDir', 'dist/types'], { cwd: root, stdio: 'inherit' });
  console.log('runtime: dist/index.js, dist/voiceman-runtime.iife.js, dist/types/');
}
