/**
 * Opening a 500-node flow in the designer and dragging a node, against a bare React Flow page
 * with the same nodes, measured in the same run in Debian's Chromium (playwright-core).
 *
 *   time to interactive: navigation start -> every node rendered and measured (visible)
 *   frame time during drag: requestAnimationFrame intervals while the mouse drags a node
 *
 * Needs `npm run build` first (server/dist, designer/dist): the designer is measured as shipped,
 * served by the real server. Writes bench/results/designer.json and prints a table.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromiumLaunch } from '../../playwright.config.js';
import { startServer } from '../../e2e/server.js';
import { generateFlow } from './generate-flow.js';

const NODES = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DRAG_STEPS = 60;
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Installed before any page script: records when all nodes are visible, and rAF intervals on demand. */
const probe = (expected: number) => `
  window.__bench = { tti: null, frames: [], recording: false };
  (function tick(ts) {
    const b = window.__bench;
    if (b.recording) b.frames.push(ts);
    if (b.tti === null) {
      const nodes = document.querySelectorAll('.react-flow__node');
      if (nodes.length >= ${expected}) {
        let visible = true;
        for (const n of nodes) if (n.style.visibility === 'hidden' || !n.offsetWidth) { visible = false; break; }
        if (visible) b.tti = performance.now();
      }
    }
    requestAnimationFrame(tick);
  })(performance.now());
`;

interface Sample {
  ttiMs: number;
  frameMeanMs: number;
  frameP95Ms: number;
}

async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __bench: { tti: number | null } }).__bench.tti !== null, undefined, { timeout: 120_000 });
  const ttiMs = await page.evaluate(() => (window as unknown as { __bench: { tti: number } }).__bench.tti);
  // The designer opens a large flow at a readable zoom on its start node; the bare page fits
  // all. Drag both with every node in view (Shift+F is the designer's "zoom to fit"; the bare
  // page ignores it), the case the ratio has always measured.
  await page.keyboard.press('Shift+F');
  await page.waitForTimeout(600);
  // Drag the node nearest the middle of the canvas.
  const box = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best: DOMRect | undefined;
    let bestD = Infinity;
    for (const n of document.querySelectorAll('.react-flow__node')) {
      const r = n.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    }
    return { x: best!.left + best!.width / 2, y: best!.top + Math.min(6, best!.height / 2) };
  });
  // Select first (opening the inspector is not part of the drag), then drag.
  await page.mouse.click(box.x, box.y);
  await page.waitForTimeout(1500);
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  await page.evaluate(() => ((window as unknown as { __bench: { recording: boolean; frames: number[] } }).__bench.recording = true));
  for (let i = 1; i <= DRAG_STEPS; i++) {
    await page.mouse.move(box.x + i * 4, box.y + i * 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  const frames = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { recording: boolean; frames: number[] } }).__bench;
    b.recording = false;
    return b.frames;
  });
  await page.mouse.up();
  const deltas = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  const mean = deltas.reduce((s, d) => s + d, 0) / deltas.length;
  const p95 = deltas[Math.min(deltas.length - 1, Math.floor(deltas.length * 0.95))]!;
  return { ttiMs, frameMeanMs: mean, frameP95Ms: p95 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function buildBarePage(outDir: string): Promise<void> {
  const { workspaceAliases } = await import('../../vitest.shared.js');
  await build({
    root: join(root, 'designer/bench/bare'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: workspaceAliases },
    build: { outDir, emptyOutDir: true },
  });
}

function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      const body = await readFile(join(dir, path === '/' ? 'index.html' : path.slice(1)));
      res.writeHead(200, { 'content-type': types[extname(path || '.html')] ?? 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

async function main() {
  const flow = generateFlow(NODES, 'bench500');
  const bareDir = await mkdtemp(join(tmpdir(), 'voiceman-bench-bare-'));
  await buildBarePage(bareDir);
  const bare = await serveStatic(bareDir);
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(chromiumLaunch);
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const login = await ctx.request.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: server.password } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const created = await ctx.request.post(`${server.url}/api/processes`, { data: { key: flow.process.key, name: flow.process.name, graph: flow } });
    if (!created.ok()) throw new Error(`creating the flow failed: ${created.status()} ${await created.text()}`);
    await ctx.addInitScript(probe(NODES));
    await ctx.addInitScript(`window.__BENCH_FLOW = ${JSON.stringify({
      nodes: flow.nodes.map((n) => ({ id: n.id, position: n.position, label: n.kind === 'say' ? n.data.text.en : n.kind === 'ask' ? n.data.prompt.en : n.kind })),
      edges: flow.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    })};`);
    const ours: Sample[] = [];
    const base: Sample[] = [];
    // Warm-up of each (browser caches, JIT), then alternate so drift hits both alike.
    for (let run = 0; run <= RUNS; run++) {
      for (const [list, url] of [
        [base, bare.url],
        [ours, `${server.url}/#/p/${flow.process.key}`],
      ] as const) {
        const page = await ctx.newPage();
        // The designer keeps a local copy of unsaved edits; start every run from the server's draft.
        await page.goto(`${server.url}/healthz`);
        await page.evaluate(() => localStorage.clear());
        const sample = await measure(page, url);
        if (run > 0) list.push(sample);
        await page.close();
      }
    }
    const pick = (xs: Sample[], k: keyof Sample) => median(xs.map((s) => s[k]));
    const rows = (['ttiMs', 'frameMeanMs', 'frameP95Ms'] as const).map((k) => {
      const o = pick(ours, k);
      const b = pick(base, k);
      return { metric: k, ours: Number(o.toFixed(1)), baseline: Number(b.toFixed(1)), ratio: Number((o / b).toFixed(2)), goal: 1.5 };
    });
    console.log(`designer: ${NODES}-node flow, median of ${RUNS} runs (after one warm-up), Chromium headless`);
    console.table(rows);
    const out = join(root, 'bench/results/designer.json');
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify({ package: 'designer', date: new Date().toISOString(), nodes: NODES, runs: RUNS, dragSteps: DRAG_STEPS, baseline: 'bare React Flow page, same nodes/edges/chrome', rows, samples: { ours, baseline: base } }, null, 2)}\n`,
    );
    console.log(`wrote ${out}`);
  } finally {
    await browser?.close();
    await server.stop();
    bare.server.close();
    await rm(bareDir, { recursive: true, force: true });
  }
}

await main();
