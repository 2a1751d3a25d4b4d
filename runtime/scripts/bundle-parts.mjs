// What each part of the IIFE costs, min+gzip: `node scripts/bundle-parts.mjs`. The cost of a part
// is the marginal one, gzip(bundle) - gzip(bundle without that part's bytes), with each output
// byte attributed to its source through the source map, so shared gzip context is not counted
// twice (gzipping each module alone overstates small modules several times). Measurement only:
// source-map-js is resolved from the repository's node_modules (vite brings it).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { iifeOptions } from './build.mjs';

const { SourceMapConsumer } = await import('source-map-js').catch(() => {
  throw new Error('scripts/bundle-parts.mjs needs source-map-js (npm ci at the repository root installs it)');
});
const kib = (text) => gzipSync(Buffer.from(text), { level: 9 }).length / 1024;

const result = await build({ ...iifeOptions, write: false, outfile: undefined, outdir: 'parts', sourcemap: 'external' });
const js = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
const map = new SourceMapConsumer(JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map')).text));

const part = (source) =>
  source === null ? '(wrapper, helpers, TextEncoder polyfill)'
    : source.includes('node_modules/xstate/') ? 'xstate'
      : source.includes('node_modules/@marcbachmann/cel-js/') ? '@marcbachmann/cel-js'
        : source.replace(/^(\.\.\/)+/, '').replace(/^runtime\//, '');

// Output offset -> part, from the mappings (each mapping owns the bytes up to the next one).
const lineStarts = [0];
for (let i = 0; i < js.length; i++) if (js.charCodeAt(i) === 10) lineStarts.push(i + 1);
const mappings = [];
map.eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
const owner = new Array(js.length).fill('(wrapper, helpers, TextEncoder polyfill)');
mappings.forEach((m, k) => {
  const next = mappings[k + 1];
  const from = lineStarts[m.generatedLine - 1] + m.generatedColumn;
  const to = next ? lineStarts[next.generatedLine - 1] + next.generatedColumn : js.length;
  owner.fill(part(m.source), from, to);
});

const total = kib(js);
const rows = [...new Set(owner)].map((name) => {
  let without = '';
  let bytes = 0;
  for (let i = 0; i < js.length; i++) (owner[i] === name ? bytes++ : (without += js[i]));
  return { part: name, 'min bytes': bytes, 'KiB min+gzip (marginal)': Number((total - kib(without)).toFixed(2)) };
});
rows.sort((a, b) => b['KiB min+gzip (marginal)'] - a['KiB min+gzip (marginal)']);
console.log(`dist/voiceman-runtime.iife.js: ${(js.length / 1024).toFixed(1)} KiB min, ${total.toFixed(2)} KiB min+gzip`);
console.table(rows);
