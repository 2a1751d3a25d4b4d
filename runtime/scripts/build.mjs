// Builds dist/: the ESM entry (dependencies external, for Node and bundlers), one IIFE
// (`VoicemanRuntime`, everything inlined, for browsers, WebViews and QuickJS) and .d.ts files.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/**
 * The IIFE without re2js (most of its size: ~49 of ~109 KiB min+gzip): `re2js` resolves to a
 * module exporting nothing, and `voiceman-runtime-regex.iife.js` (below) registers the engine
 * for machines that use CEL `matches` (src/cel-regex.ts).
 */
const withoutRe2 = {
  name: 'without-re2',
  setup(b) {
    b.onResolve({ filter: /^re2js$/ }, () => ({ path: 're2js', namespace: 'without-re2' }));
    b.onLoad({ filter: /.*/, namespace: 'without-re2' }, () => ({ contents: 'export const RE2JS = undefined;', loader: 'js' }));
  },
};

/**
 * Class fields as plain assignments in the constructor (as tsconfig.json says), not ES2022
 * `defineProperty` semantics: esbuild lowers those to a `__publicField` call per field per
 * instance for ES2020, a measurable part of a dialog event (bench, profile), and a few
 * hundred bytes of the IIFE. No runtime class relies on define semantics (no accessors, no field shadowing).
 */
const tsconfigRaw = { compilerOptions: { useDefineForClassFields: false } };

/** What both IIFEs share: one minified script for browsers, WebViews and QuickJS. */
const iifeBase = {
  bundle: true,
  format: 'iife',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  // xstate's package exports pick CommonJS without the "module" condition, and CommonJS
  // cannot be tree-shaken: with it, esbuild drops the xstate parts the runtime never imports.
  conditions: ['module'],
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  tsconfigRaw,
};

export const iifeOptions = {
  ...iifeBase,
  entryPoints: [`${root}/src/index.ts`],
  globalName: 'VoicemanRuntime',
  outfile: `${root}/dist/voiceman-runtime.iife.js`,
  banner: { js: readFileSync(`${root}/scripts/iife-polyfills.js`, 'utf8') },
  plugins: [withoutRe2],
};

/** The RE2 add-on: loaded after the IIFE, it registers re2js as the engine of `matches`. */
export const regexIifeOptions = {
  ...iifeBase,
  entryPoints: [`${root}/scripts/iife-regex.js`],
  outfile: `${root}/dist/voiceman-runtime-regex.iife.js`,
};

/** dist/index.js: what Node and bundlers import (the benchmark measures this build too). */
export const esmOptions = {
  entryPoints: [`${root}/src/index.ts`],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  external: Object.keys(pkg.dependencies ?? {}),
  tsconfigRaw,
  outfile: `${root}/dist/index.js`,
  sourcemap: true,
};

export async function buildIife(options = {}) {
  await build({ ...iifeOptions, ...options });
  await build(regexIifeOptions);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(esmOptions);
  await buildIife();
  execFileSync('npx', ['tsc', '-p', '.', '--emitDeclarationOnly', '--declaration', '--outDir', 'dist/types'], { cwd: root, stdio: 'inherit' });
  console.log('runtime: dist/index.js, dist/voiceman-runtime.iife.js (+ voiceman-runtime-regex.iife.js), dist/types/');
}
