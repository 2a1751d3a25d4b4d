/**
 * `npm run ha`: main + standby on loopback, everything started here and stopped afterwards
 * (even on failure, within a time limit): etcd, two Patroni-managed PostgreSQL 15 nodes in
 * synchronous mode, HAProxy routing to the primary by Patroni's REST check, two Voiceman
 * servers through HAProxy, and 20 terminals using either server. One server is killed, then
 * the primary node crashes; exits 1 when a check fails.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { startFleet, type Fleet } from './fleet/fleet.js';
import { operatorIdOf } from './fleet/fleet-wms.js';
import { startEtcd } from './ha/etcd.js';
import { startHaproxy } from './ha/haproxy.js';
import { startPatroni, SUPERUSER, type PatroniNode } from './ha/patroni.js';
import type { Daemon } from './infra/daemon.js';
import { withClient } from './infra/dialog-log.js';
import { sleep, waitUntil } from './infra/ports.js';
import { postgresTempDir, stopPostgresSync } from './infra/postgres.js';
import { preflight } from './infra/preflight.js';
import { atExit } from './infra/children.js';
import { registerTerminals, serverProcess, type ServerProcess } from './infra/server.js';
import { bounded, check, report, type Check, type ScenarioResult } from './scenarios/checks.js';
import { deliveryChecks } from './scenarios/delivery.js';
import { faultFleetSettings, waitForHealth } from './scenarios/fault-fleet.js';

const LIMIT_MS = 300_000;
const TERMINALS = 20;
/**
 * After server 1 is killed, every terminal must get an ingest through server 2 within this
 * window (from 2 s after the kill to the primary's crash). 3 s was too short on a starved
 * machine (14 of 20 at load average 22): the check is that each carries on, not how fast.
 */
const SWITCH_WINDOW_MS = 8000;

preflight('npm run ha', ['patroni', 'etcd', 'haproxy', 'initdb', 'pg_ctl']);
const began = Date.now();
/** A line per step as it starts: a CI log shows where a run hung. */
const progress = (what: string) => console.log(`ha: ${what} (${((Date.now() - began) / 1000).toFixed(0)} s in)`);
const dir = await postgresTempDir('vmops-ha-');
// Cut short (Ctrl-C, a kill): the daemons die with us (children.ts); the PostgreSQL nodes are not our children.
const forget = atExit(() => {
  for (const n of nodes) stopPostgresSync(n.dataDir);
  if (!process.env.OPS_KEEP_HA_DIR) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});
const daemons: Daemon[] = [];
const nodes: PatroniNode[] = [];
const servers: ServerProcess[] = [];
let fleet: Fleet | undefined;

async function scenario(): Promise<ScenarioResult> {
  const start = Date.now();
  const stepMs: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    progress(`waiting for: ${name}`);
    const out = await fn();
    stepMs[name] = Date.now() - t;
    return out;
  };
  const etcd = await step('etcd', () => startEtcd(dir));
  daemons.push(etcd);
  const scope = `voiceman-ha-${process.pid}`;
  nodes.push(await startPatroni(dir, 'pg1', scope, etcd.endpoint));
  await step('primary bootstrapped', () => waitUntil('pg1 to lead', 90_000, async () => ((await nodes[0]!.rest('/primary')) === 200 ? true : undefined), 500));
  nodes.push(await startPatroni(dir, 'pg2', scope, etcd.endpoint));
  await step('synchronous standby', () => waitUntil('pg2 to stream synchronously', 120_000, async () => ((await nodes[1]!.rest('/sync')) === 200 ? true : undefined), 500));
  const haproxy = await startHaproxy(dir, nodes.map((n) => ({ name: n.name.replace('patroni ', ''), pgPort: n.pgPort, restPort: n.restPort })));
  daemons.push(haproxy);
  const admin = `postgres://${SUPERUSER.username}:${SUPERUSER.password}@127.0.0.1:${haproxy.port}`;
  await step('haproxy routes to the primary', () => waitUntil('HAProxy to reach the primary', 30_000, () => withClient(`${admin}/postgres`, (c) => c.query('CREATE DATABASE voiceman')).then(() => true)));
  const databaseUrl = `${admin}/voiceman`;

  // Two stateless servers on the same database; the first migrates and seeds, the second finds it done.
  for (let i = 0; i < 2; i++) {
    const s = await serverProcess({ DATABASE_URL: databaseUrl });
    servers.push(s);
    await step(`server ${i + 1} started`, () => s.start());
  }
  const [a, b] = servers as [ServerProcess, ServerProcess];
  const registered = await registerTerminals(a.url, TERMINALS);
  const terminals = registered.map((t, index) => ({ ...t, index, operatorId: operatorIdOf(index), servers: index % 2 ? [a.url, b.url] : [b.url, a.url] }));
  progress(`starting ${TERMINALS} terminals`);
  fleet = await startFleet(terminals, faultFleetSettings([a.url, b.url]), 1);

  const sync = await withClient(databaseUrl, (c) => c.query<{ sync_state: string }>('SELECT sync_state FROM pg_stat_replication'));
  await sleep(4000);
  progress('server 1 SIGKILLed');
  const serverKilledAt = Date.now();
  await a.kill('SIGKILL');
  await sleep(2000 + SWITCH_WINDOW_MS);

  const primary = (await nodes[0]!.rest('/primary')) === 200 ? nodes[0]! : nodes[1]!;
  const standby = primary === nodes[0] ? nodes[1]! : nodes[0]!;
  progress(`${primary.name} crashes`);
  primary.crash();
  const crashedAt = Date.now();
  const promotedMs = await waitUntil('the standby to be promoted', 90_000, async () => ((await standby.rest('/primary')) === 200 ? Date.now() - crashedAt : undefined), 250).catch(() => undefined);
  const healthyMs = await waitForHealth(b.url, 200, 60_000).then((ms) => (ms === undefined ? undefined : Date.now() - crashedAt));
  await sleep(4000);
  progress('draining the terminals');
  const result = await fleet.stop(60_000);

  const served = (from: number, to: number) => new Set(result.samples.filter((s) => s[2] === 200 && s[0] >= from && s[0] < to).map((s) => s[5]));
  const afterServerKill = served(serverKilledAt + 2000, crashedAt);
  const firstOk = result.samples.filter((s) => s[2] === 200 && s[0] >= crashedAt).sort((x, y) => x[0] + x[1] - (y[0] + y[1]))[0];
  const outageMs = firstOk ? Math.round(firstOk[0] + firstOk[1] - crashedAt) : undefined;
  const checks: Check[] = [
    check('replication is synchronous before the failover', sync.rows.some((r) => r.sync_state === 'sync'), `pg_stat_replication: ${sync.rows.map((r) => r.sync_state).join(', ') || 'no standby'}`),
    check('one server killed: every terminal carries on with the other', afterServerKill.size === TERMINALS, `${afterServerKill.size} of ${TERMINALS} terminals served from 2 s to ${(2000 + SWITCH_WINDOW_MS) / 1000} s after`),
    check('the primary crashed: Patroni promotes the standby', promotedMs !== undefined, `${standby.name} primary ${promotedMs ?? '∞'} ms after the crash`),
    check('the servers reconnect through HAProxy by themselves', healthyMs !== undefined && outageMs !== undefined, `server 2 healthy ${healthyMs ?? '∞'} ms after the crash, first ingest acknowledged after ${outageMs ?? '∞'} ms`),
    ...(await deliveryChecks(databaseUrl, result)),
  ];
  return {
    name: `main + standby: 2 Patroni nodes (synchronous), HAProxy, 2 servers, ${TERMINALS} terminals`,
    checks,
    figures: { crashed: primary.name, crashedAt: new Date(crashedAt).toISOString(), firstAckAfterCrash: firstOk && { startedAfterMs: firstOk[0] - crashedAt, ms: Math.round(firstOk[1]), terminal: firstOk[5] }, timeWithoutServiceMs: outageMs, promotedAfterMs: promotedMs, serverHealthyAfterMs: healthyMs, events: result.emitted, failedPosts: result.samples.filter((s) => s[2] !== 200).length, stepMs },
    seconds: (Date.now() - start) / 1000,
  };
}

async function cleanup() {
  forget();
  fleet?.kill();
  for (const s of servers) await s.kill();
  for (const d of [...daemons].reverse().filter((d) => d.name === 'haproxy')) await d.stop();
  await Promise.all(nodes.map((n) => n.stop(10_000)));
  await Promise.all(nodes.map((n) => n.stopPostgres()));
  for (const d of daemons.filter((d) => d.name === 'etcd')) await d.stop();
  if (process.env.OPS_KEEP_HA_DIR) console.log(`logs kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

let ok = false;
try {
  ok = report([await bounded('ha', LIMIT_MS, scenario, cleanup)]);
} catch (err) {
  console.error((err as Error).stack);
  console.error(`logs: ${dir} (set OPS_KEEP_HA_DIR=1 to keep them)`);
}
console.log(`${ok ? '\nall main + standby checks passed' : '\nSOME MAIN + STANDBY CHECKS FAILED'} (${((Date.now() - began) / 1000).toFixed(0)} s)`);
process.exit(ok ? 0 : 1);
