/**
 * PostgreSQL crashes (immediate stop) mid-load and comes back: /healthz says unhealthy while it
 * is away, the same server process recovers by itself, and nothing acknowledged is lost.
 */
import type { Cluster } from '../infra/postgres.js';
import { sleep } from '../infra/ports.js';
import { startStack } from '../infra/stack.js';
import { check, type ScenarioResult } from './checks.js';
import { deliveryChecks } from './delivery.js';
import { startFaultFleet, waitForHealth } from './fault-fleet.js';

export async function postgresRestart(cluster: Cluster): Promise<ScenarioResult> {
  const start = Date.now();
  const stack = await startStack(cluster, 'faults_pg', 20);
  const fleet = await startFaultFleet(stack);
  const pid = stack.server.pid();
  try {
    await sleep(3000);
    await cluster.stop('immediate');
    const unhealthyMs = await waitForHealth(stack.server.url, 503, 10_000);
    await sleep(3000);
    const down = Date.now();
    await cluster.start();
    const healthyMs = await waitForHealth(stack.server.url, 200, 30_000);
    await sleep(3000);
    const result = await fleet.stop(60_000);
    const recoveredAt = healthyMs === undefined ? Infinity : down + healthyMs;
    const okAfter = result.samples.filter((s) => s[0] > recoveredAt && s[2] === 200).length;
    return {
      name: 'PostgreSQL crashed (pg_ctl stop -m immediate) mid-load and started again (20 terminals)',
      checks: [
        check('/healthz reports unhealthy while PostgreSQL is down', unhealthyMs !== undefined, unhealthyMs === undefined ? 'never 503' : `503 after ${unhealthyMs} ms`),
        check('the same server process recovers by itself', healthyMs !== undefined && stack.server.pid() === pid && okAfter > 0,
          `healthy ${healthyMs ?? '∞'} ms after PostgreSQL started, ${okAfter} ingests acknowledged afterwards, pid ${stack.server.pid() === pid ? 'unchanged' : 'changed'}`),
        ...(await deliveryChecks(stack.databaseUrl, result)),
      ],
      figures: { events: result.emitted, unhealthyAfterMs: unhealthyMs, healthyAfterStartMs: healthyMs, failedPosts: result.samples.filter((s) => s[2] !== 200).length },
      seconds: (Date.now() - start) / 1000,
    };
  } finally {
    fleet.kill();
    await stack.server.kill();
    await cluster.start().catch(() => {});
  }
}
