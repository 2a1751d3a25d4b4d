/**
 * A terminal works a shift without network (10,000 events queued), then reconnects: its
 * backlog arrives once, in batches of at most 500, one request at a time, while the other
 * terminals' ingests go on without being starved.
 */
import { withClient } from '../infra/dialog-log.js';
import type { Cluster } from '../infra/postgres.js';
import { sleep, waitUntil } from '../infra/ports.js';
import { startStack } from '../infra/stack.js';
import { round, windowFigures } from '../fleet/figures.js';
import { check, type ScenarioResult } from './checks.js';
import { deliveryChecks } from './delivery.js';
import { startFaultFleet } from './fault-fleet.js';

const QUEUED = 10_000;
const MAX_BATCH = 500;

export async function offlineShift(cluster: Cluster): Promise<ScenarioResult> {
  const start = Date.now();
  const stack = await startStack(cluster, 'faults_offline', 21);
  const offline = stack.terminals[0]!;
  // The shift is compressed: the operator answers at once, so the queue fills in seconds.
  offline.thinkMs = 0;
  offline.offlineUntilQueued = QUEUED;
  const fleet = await startFaultFleet(stack, 2);
  try {
    const queued = await waitUntil('the offline terminal to queue its shift', 180_000, async () => {
      const s = (await fleet.status())[offline.id];
      return s && !s.working && s.pending >= QUEUED ? s.pending : undefined;
    }, 500);
    const baselineFrom = Date.now();
    await sleep(4000);
    const from = Date.now();
    fleet.online([offline.id]);
    await waitUntil('the backlog to drain', 120_000, async () => ((await fleet.status())[offline.id]!.pending === 0 ? true : undefined), 100);
    const to = Math.max(Date.now(), from + 1000);
    await sleep(1000);
    const result = await fleet.stop(60_000);
    const others = (i: number) => i !== offline.index;
    const before = windowFigures(result.samples, baselineFrom, from, others);
    const during = windowFigures(result.samples, from, to, others);
    const backlogPosts = result.samples.filter((s) => s[5] === offline.index && s[0] >= from);
    const largest = Math.max(...backlogPosts.map((s) => s[3]));
    const storedOffline = await withClient(stack.databaseUrl, async (c) =>
      Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM dialog_events WHERE terminal_id = $1', [offline.id])).rows[0]!.n));
    // Served POSTs are compared with the same terminals' rate just before, not with the nominal
    // one POST per 250 ms: on a starved machine the generator falls short of that in both windows.
    const expectedPosts = before.postsPerS * ((to - from) / 1000);
    return {
      name: `a terminal offline for a shift (${queued} events queued) reconnects among 20 posting terminals`,
      checks: [
        check('its whole queue is stored', storedOffline >= queued, `${storedOffline} of its events stored, ${queued} were queued`),
        check(`in bounded batches (≤ ${MAX_BATCH})`, largest <= MAX_BATCH, `${backlogPosts.length} POSTs, the largest ${largest} events`),
        check('the other terminals are not starved', during.errors && Object.keys(during.errors).length === 0 && during.posts >= 0.5 * expectedPosts && during.p99Ms < Math.max(500, 5 * before.p99Ms),
          `their p99 ${round(during.p99Ms)} ms while it drained (${round(before.p99Ms)} ms before), ${during.posts} POSTs served, ~${Math.round(expectedPosts)} at the rate before`),
        ...(await deliveryChecks(stack.databaseUrl, result)),
      ],
      figures: { queued, drainMs: to - from, backlogPosts: backlogPosts.length, othersBefore: before, othersDuring: during },
      seconds: (Date.now() - start) / 1000,
    };
  } finally {
    fleet.kill();
    await stack.server.kill();
  }
}
