/**
 * Builds the terminal web app into dist/web/ (what the Android build copies into its assets and
 * the server serves at /terminal/): index.html, app.js (one IIFE, CSS inside, for Chrome 74 =
 * Android 10's first WebView), version.json (versions and the sha256 of app.js).
 */
import { build as esbuild } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));

export const TARGET = ['chrome74'];

/** `version`: another web version than package.json's (a release build, the update test). */
export async function build(outdir = join(here, 'dist/web'), { minify = true, webVersion = undefined } = {}) {
  const pkg = JSON.parse(await readFile(join(here, 'package.json'), 'utf8'));
  if (webVersion) pkg.version = webVersion;
  const runtimePkg = JSON.parse(await readFile(join(here, '../runtime/package.json'), 'utf8'));
  await mkdir(outdir, { recursive: true });
  const result = await esbuild({
    entryPoints: [join(here, 'web/index.ts')],
    bundle: true,
    format: 'iife',
    target: TARGET,
    // Chrome 74 has public class fields, but lowering them too keeps the output plain ES2019,
    // which the syntax test checks with acorn (a WebView older than the APK expects still parses).
    supported: { 'class-field': false, 'class-static-field': false, 'class-private-field': false, 'class-private-method': false, 'class-static-blocks': false },
    platform: 'browser',
    minify,
    sourcemap: false,
    legalComments: 'none',
    write: false,
    conditions: ['source'],
    loader: { '.css': 'text' },
    define: { __WEB_VERSION__: JSON.stringify(pkg.version), __RUNTIME_VERSION__: JSON.stringify(runtimePkg.version) },
    logLevel: 'warning',
  });
  const js = result.outputFiles[0].contents;
  const sha256 = createHash('sha256').update(js).digest('hex');
  await writeFile(join(outdir, 'app.js'), js);
  await writeFile(join(outdir, 'index.html'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#101418">
<title>Voiceman terminal</title>
</head>
<body>
<script src="app.js"></script>
</body>
</html>
`);
  const version = { webVersion: pkg.version, runtimeVersion: runtimePkg.version, sha256, bytes: js.length };
  await writeFile(join(outdir, 'version.json'), JSON.stringify(version, null, 2) + '\n');
  return { outdir, ...version };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await build();
  console.log(`android-shell: ${out.outdir}/app.js ${(out.bytes / 1024).toFixed(1)} KiB, sha256 ${out.sha256.slice(0, 12)}`);
}
