/**
 * A terminal that was offline for a long shift comes back with 10,000 queued events: they drain
 * in bounded batches, while another terminal keeps logging with normal latency.
 */
import { expect, test } from './test.js';
import { SIGN_ON, TerminalPage } from './terminal-helpers.js';
import { useTerminalServer } from './terminal-server.js';

const useServer = useTerminalServer();

const BACKLOG = 10_000;

test('10,000 queued events drain in bounded batches while another terminal keeps logging', async ({ browser }) => {
  test.setTimeout(420_000);
  const a = await TerminalPage.open(await browser.newContext({ viewport: { width: 480, height: 800 } }), 'fake', useServer());
  await a.pair('e2e backlog');
  const b = await TerminalPage.open(await browser.newContext({ viewport: { width: 480, height: 800 } }), 'fake', useServer());
  await b.pair('e2e live');

  // B's normal latency, A idle: from an answer until B's queue is empty again (stored on the server).
  await b.choose('case-picking');
  const latency = async () => {
    const started = Date.now();
    await b.expectQueueEmpty(60_000);
    return Date.now() - started;
  };
  const baseline: number[] = [];
  for (const line of SIGN_ON) {
    await b.say(line);
    baseline.push(await latency());
  }

  // A was offline for a shift: 10,000 events of one session wait in its queue.
  const EVENTS = '**/api/terminal/v1/events';
  await a.page.route(EVENTS, (route) => route.abort('internetdisconnected'));
  await useServer().kill();
  const sessionId = await a.page.evaluate(async (count) => {
    const w = window as unknown as { voicemanTerminal: { queue: { store: { append(e: unknown[]): Promise<void> } }; rules: { index(): Promise<{ processes: { processKey: string; hash: string }[] }> } } };
    // The server takes events only of versions deployed to the site.
    const versionHash = (await w.voicemanTerminal.rules.index()).processes.find((p) => p.processKey === 'case-picking')!.hash;
    const config = JSON.parse(localStorage.getItem('fake-native:voiceman.terminal.config')!) as { terminalId: string };
    const sessionId = crypto.randomUUID();
    for (let start = 0; start < count; start += 1000) {
      const events = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
        id: crypto.randomUUID(), sessionId, seq: start + i + 1, ts: Date.now() - 3_600_000 + start + i, terminalId: config.terminalId,
        operatorId: '427', processKey: 'case-picking', versionHash, type: 'prompt', state: 'slot',
        data: { text: `Slot ${start + i}.`, language: 'en', reason: 'prompt' },
      }));
      await w.voicemanTerminal.queue.store.append(events);
    }
    return sessionId;
  }, BACKLOG);
  const batches: number[] = [];
  a.page.on('request', (req) => {
    if (req.url().endsWith('/api/terminal/v1/events') && req.method() === 'POST') batches.push((req.postDataJSON() as { events: unknown[] }).events.length);
  });
  await useServer().restart();
  // B's own silence reprompts may have been posted while the server was down: its sender then
  // waits out its backoff. Let B deliver those first, so what is measured below is A's drain.
  await b.expectQueueEmpty(60_000);
  // The network comes back: the shell says so, the sender starts at once. A's posts are held
  // until B answers, so on any machine the drain runs while B logs (on a fast one it would
  // otherwise be over before B's first answer).
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await a.page.unroute(EVENTS);
  await a.page.route(EVENTS, async (route) => {
    await released;
    await route.continue();
  });
  await a.page.evaluate(() => (window as unknown as { __fake: { network(o: boolean): void } }).__fake.network(true));

  const during: number[] = [];
  let overlapped = 0;
  for (const line of ['ready', 'ready', 'five seven', 'three']) {
    // Overlap: A posted a batch while B's answer was on its way to the server.
    const postedBefore = batches.length;
    release();
    await b.say(line);
    during.push(await latency());
    if (batches.length > postedBefore) overlapped++;
  }
  await expect(a.page.getByTestId('queue')).toHaveAttribute('data-backlog', '0', { timeout: 300_000 });
  expect(await a.page.evaluate(() => (window as unknown as { voicemanTerminal: { view: { rejected: unknown[] } } }).voicemanTerminal.view.rejected.slice(0, 3))).toEqual([]);
  const { rows } = await useServer().db.query<{ n: string }>('SELECT count(*) AS n FROM dialog_events WHERE session_id = $1', [sessionId]);
  expect(Number(rows[0]!.n)).toBe(BACKLOG);
  expect(Math.max(...batches)).toBeLessThanOrEqual(200);
  expect(batches.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(BACKLOG);
  expect(overlapped).toBeGreaterThan(0);
  const worst = (xs: number[]) => Math.max(...xs);
  console.log(`terminal B logging latency: baseline max ${worst(baseline)} ms, during A's drain max ${worst(during)} ms (${during.join(', ')}); A's batches: ${batches.length}, max ${Math.max(...batches)}`);
  // "Normal": B's events reach the server within a few seconds even while A drains.
  expect(worst(during)).toBeLessThan(Math.max(5_000, 4 * worst(baseline)));
});
