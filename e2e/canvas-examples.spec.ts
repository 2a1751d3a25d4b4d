/**
 * The seeded examples on the canvas (own server with the examples seeded): each opens at a
 * readable zoom around its start node, no two cards overlap as stored, the opening view is
 * remembered per process, and after an auto-layout the edges run around the cards.
 */
import { expect, test, type Page } from './test.js';
import { login, viewportSettled } from './helpers.js';
import { useServer, type RunningServer } from './server.js';

const examples = ['sign-on', 'case-picking', 'putaway', 'replenishment', 'cycle-count'];

let server: RunningServer;
const started = useServer({ examples: true, password: 'canvas-examples-password' });
test.beforeAll(async () => {
  server = started();
});

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every card's box in flow coordinates, as React Flow laid them out. */
async function cardBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
      const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform)!;
      return { id: el.dataset.id!, x: Number(m[1]), y: Number(m[2]), width: el.offsetWidth, height: el.offsetHeight };
    }),
  );
}

const zoomOf = (page: Page) =>
  page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)![1]));

async function open(page: Page, key: string): Promise<void> {
  await page.goto(`${server.url}/#/p/${key}`);
  await expect(page.getByTestId('node-start')).toBeVisible();
  // Every card measured (React Flow hides a card until it knows its size).
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].every((n) => n.offsetHeight > 0 && n.style.visibility !== 'hidden'))).toBe(true);
}

test('every example opens readable at its start node, with no two cards overlapping, in both interface languages', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, 'admin', server.password, server.url);
  for (const [lang, key] of (['en', 'ru'] as const).flatMap((l) => examples.map((k) => [l, k] as const))) {
    await page.evaluate((l) => localStorage.setItem('voiceman.lang', l), lang);
    await open(page, key);
    expect(await zoomOf(page), key).toBeGreaterThanOrEqual(0.6);
    await expect(page.getByTestId('node-start')).toBeInViewport();
    const boxes = await cardBoxes(page);
    expect(boxes.length, key).toBeGreaterThan(5);
    // Cards keep a clear gap of 24 px (zoom 1): handles stick out 5 px below a card and an edge
    // turns 14 px below its handle, so less leaves the edges between two rows under the cards.
    const gap = 12;
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = { ...boxes[i]!, x: boxes[i]!.x - gap, y: boxes[i]!.y - gap, width: boxes[i]!.width + 2 * gap, height: boxes[i]!.height + 2 * gap };
        const b = boxes[j]!;
        if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps.push(`${a.id} × ${b.id}`);
      }
    expect(overlaps, key).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${key}-${lang}-opening.png`) });
  }
  // Fit-all is one shortcut away.
  await open(page, 'case-picking');
  await page.keyboard.press('Shift+F');
  await expect.poll(() => zoomOf(page)).toBeLessThan(0.6);
  await context.close();
});

test('the canvas reopens where the designer last was on that process', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, 'admin', server.password, server.url);
  await open(page, 'putaway');
  await page.getByTestId('node-start').click();
  await page.keyboard.press('ControlOrMeta+f');
  await page.getByTestId('command-input').fill('posted');
  await page.keyboard.press('Enter');
  const found = await page.getByTestId('inspector').getAttribute('data-node');
  await expect(page.getByTestId(`node-${found}`)).toBeInViewport();
  // The centring animation (250 ms) has ended, and with it the move-end that stores the view.
  await viewportSettled(page, 20);
  const before = await page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform);
  await page.goto(`${server.url}/#/`);
  await open(page, 'putaway');
  expect(await page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform)).toBe(before);
  await expect(page.getByTestId(`node-${found}`)).toBeInViewport();
  await context.close();
});

test('after an auto-layout the edges run around the cards, not under them', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await login(page, 'admin', server.password, server.url);
  await open(page, 'putaway');
  await page.keyboard.press('Shift+L');
  // The layout runs asynchronously: its routes replace every smooth-step edge (curved corners)
  // by a polyline; then the fit to the new bounds ends.
  await page.waitForFunction(() => {
    const paths = [...document.querySelectorAll('.react-flow__edge .react-flow__edge-path')].map((p) => p.getAttribute('d') ?? '');
    return paths.length > 0 && paths.every((d) => !/[QC]/.test(d));
  });
  await viewportSettled(page);
  const boxes = await cardBoxes(page);
  const edges = await page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('.react-flow__edge')].map((g) => ({
      id: g.dataset.id ?? g.getAttribute('data-id') ?? '',
      label: g.getAttribute('aria-label') ?? '',
      d: g.querySelector('.react-flow__edge-path')!.getAttribute('d')!,
    })),
  );
  const graph = await (await page.request.get(`${server.url}/api/processes/putaway`)).json();
  const ends = new Map<string, { source: string; target: string }>(graph.graph.edges.map((e: { id: string; source: string; target: string }) => [e.id, e]));
  let routed = 0;
  const crossings: string[] = [];
  for (const edge of edges) {
    // A routed edge is a polyline (M/L only); a smooth step has curved corners (Q).
    if (/[QC]/.test(edge.d)) continue;
    routed++;
    const pts = [...edge.d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    const own = ends.get(edge.id);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      for (const box of boxes) {
        if (own && (box.id === own.source || box.id === own.target)) continue;
        const inset = 2;
        const minX = Math.min(a.x, b.x), maxX = Math.max(a.x, b.x), minY = Math.min(a.y, b.y), maxY = Math.max(a.y, b.y);
        if (maxX > box.x + inset && minX < box.x + box.width - inset && maxY > box.y + inset && minY < box.y + box.height - inset) crossings.push(`${edge.id} under ${box.id}`);
      }
    }
  }
  expect(routed).toBe(edges.length);
  expect(crossings).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('putaway-routed.png') });
  await context.close();
});
