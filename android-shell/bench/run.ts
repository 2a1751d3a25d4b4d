/**
 * `npm run bench -w android-shell`: the terminal bundle's size (min+gzip, against the runtime's own
 * IIFE built in the same run), and the time from a hypothesis arriving to the next prompt being
 * handed to the bridge, in Chromium with 4× CPU throttling (CDP Emulation.setCPUThrottlingRate),
 * over whole case-picking assignments against the real server and the mock WMS. Steps that call
 * the WMS in between are reported apart (their WMS round trip is not the terminal's time).
 * Writes bench/results/android-shell.json at the repository root.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config.js';
// @ts-expect-error plain ESM build script without types
import { build } from '../scripts/build.mjs';
import { TerminalPage, WHOLE_ASSIGNMENT } from '../../e2e/terminal-helpers.js';
import { startTerminalServer, stopCluster } from '../../e2e/terminal-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const GOAL_P99_MS = 30;
const PROFILE = process.env.BENCH_PROFILE;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const round1 = (x: number) => Math.round(x * 10) / 10;

async function sizes() {
  const dir = await mkdtemp(join(tmpdir(), 'vm-terminal-bench-'));
  try {
    await build(dir);
    const app = await readFile(join(dir, 'app.js'));
    // Baseline: the runtime alone, minified the same way (its IIFE entry).
    const runtime = await esbuild({
      entryPoints: [join(root, 'runtime/src/index.ts')], bundle: true, format: 'iife', globalName: 'VoicemanRuntime',
      target: ['chrome74'], minify: true, write: false, legalComments: 'none', logLevel: 'error',
    });
    const kib = (b: Uint8Array) => round1(gzipSync(b, { level: 9 }).length / 1024);
    return { terminal: kib(app), runtime: kib(runtime.outputFiles[0]!.contents), raw: round1(app.length / 1024) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function latency() {
  const server = await startTerminalServer();
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const context = await browser.newContext({ viewport: { width: 480, height: 800 } });
    const t = await TerminalPage.open(context, 'fake', server, '?rules=60000&heartbeat=60000', { audit: false });
    await t.pair('bench');
    const cdp = await context.newCDPSession(t.page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // BENCH_PROFILE=<file>: a CPU profile of the rounds (open it in Chromium's DevTools).
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    for (let round = 0; round < ROUNDS; round++) {
      await fetch(`${server.wms.url}/test/reset`, { method: 'POST' });
      await t.choose('case-picking');
      await t.sayAll(WHOLE_ASSIGNMENT);
      await t.page.getByTestId('chooser').waitFor({ timeout: 60_000 });
    }
    if (PROFILE) await writeFile(PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    return await t.page.evaluate(() => (window as unknown as { voicemanTerminal: { latencies: { local: number[]; wms: number[]; samples: { ms: number; prompt: string; stateId: string; wms: boolean }[] } } }).voicemanTerminal.latencies);
  } finally {
    await browser.close();
    await server.stop();
    await stopCluster();
  }
}

const size = await sizes();
const lat = await latency();
const stats = (xs: number[]) => ({ n: xs.length, p50: round1(percentile(xs, 50)), p95: round1(percentile(xs, 95)), p99: round1(percentile(xs, 99)), max: round1(Math.max(...xs)) });
// Which steps make the tail: the slowest local samples with the prompt they ended at.
const slowest = lat.samples.filter((s) => !s.wms).sort((a, b) => b.ms - a.ms).slice(0, 8).map((s) => ({ ms: round1(s.ms), stateId: s.stateId, prompt: s.prompt }));
const result = {
  measuredAt: new Date().toISOString(),
  note: 'shared 2-core machine, other helpers loading it; Chromium with 4x CPU throttling',
  bundle: { terminalGzipKiB: size.terminal, runtimeGzipKiB: size.runtime, ratio: round1(size.terminal / size.runtime), terminalMinKiB: size.raw },
  hypothesisToPromptMs: { local: stats(lat.local), withWmsCall: stats(lat.wms), goalP99: GOAL_P99_MS, slowest },
};
await mkdir(join(root, 'bench/results'), { recursive: true });
await writeFile(join(root, 'bench/results/android-shell.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`| terminal bundle, min+gzip | ${size.terminal} KiB | runtime alone ${size.runtime} KiB | ratio ${result.bundle.ratio} |`);
console.log(`| hypothesis → next prompt (no WMS call), 4× throttled | p50 ${result.hypothesisToPromptMs.local.p50} ms, p99 ${result.hypothesisToPromptMs.local.p99} ms, max ${result.hypothesisToPromptMs.local.max} ms (n=${lat.local.length}) | goal p99 < ${GOAL_P99_MS} ms |`);
console.log(`| hypothesis → next prompt with a WMS call between | p50 ${result.hypothesisToPromptMs.withWmsCall.p50} ms, p99 ${result.hypothesisToPromptMs.withWmsCall.p99} ms (n=${lat.wms.length}) | (includes the WMS round trip) |`);
for (const s of slowest) console.log(`  slow: ${s.ms} ms before "${s.prompt}" (${s.stateId})`);
if (!(result.hypothesisToPromptMs.local.p99 < GOAL_P99_MS)) process.exitCode = 1;
