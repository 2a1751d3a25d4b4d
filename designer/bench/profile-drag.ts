/**
 * Where a drag's time goes (script, style, layout, paint) in the designer vs the bare page,
 * from Chrome's `Performance.getMetrics` around the same 60-step drag as the benchmark.
 * `tsx designer/bench/profile-drag.ts` (after `npm run build`); prints a table, writes nothing.
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config.js';
import { startServer } from '../../e2e/server.js';
import { generateFlow } from './generate-flow.js';

const KEYS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'LayoutCount', 'RecalcStyleCount'] as const;

async function drag(page: Page): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const box = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const c = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
    nodes.sort((a, b) => Math.hypot(a.x - c.x, a.y - c.y) - Math.hypot(b.x - c.x, b.y - c.y));
    return { x: nodes[0]!.left + nodes[0]!.width / 2, y: nodes[0]!.top + 5 };
  });
  await page.mouse.click(box.x, box.y);
  await page.waitForTimeout(1500);
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  const metrics = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')).metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]));
  const before = await metrics();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(box.x + i * 4, box.y + i * 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  const after = await metrics();
  await page.mouse.up();
  return Object.fromEntries(KEYS.map((k) => [k, k.endsWith('Count') ? after[k]! - before[k]! : Math.round((after[k]! - before[k]!) * 1000)]));
}

const flow = generateFlow(500, 'prof500');
const server = await startServer();
const browser = await chromium.launch(chromiumLaunch);
try {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.request.post(`${server.url}/api/auth/login`, { data: { username: 'admin', password: server.password } });
  await ctx.request.post(`${server.url}/api/processes`, { data: { key: flow.process.key, name: flow.process.name, graph: flow } });
  const rows: Record<string, Record<string, number>> = {};
  for (let run = 0; run < 2; run++) {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/#/p/${flow.process.key}`);
    await page.locator('.react-flow__node').nth(499).waitFor({ state: 'attached', timeout: 120_000 });
    // As in the benchmark: every node in view (the designer opens large flows at its start node).
    await page.keyboard.press('Shift+F');
    await page.waitForTimeout(2000);
    rows[`ours-${run}`] = await drag(page);
    await page.close();
  }
  console.table(rows);
} finally {
  await browser.close();
  await server.stop();
}
