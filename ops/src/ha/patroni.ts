/**
 * A Patroni-managed PostgreSQL 15 node, run as the `postgres` OS user. Patroni's configuration
 * is YAML; JSON is YAML, so it is written with JSON.stringify. Short timings (ttl 10 s) keep
 * the test quick; production keeps Patroni's defaults (ttl 30 s, loop_wait 10 s).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDaemon, type Daemon } from '../infra/daemon.js';
import { freePort } from '../infra/ports.js';
import { PG_BIN, asPostgres } from '../infra/postgres.js';
import { processTree } from '../infra/proc.js';

const run = promisify(execFile);
export const SUPERUSER = { username: 'postgres', password: 'ha-test-superuser' };

export interface PatroniNode extends Daemon {
  pgPort: number;
  restPort: number;
  dataDir: string;
  /** What this node's REST API answers on `path` (0 when it does not answer). */
  rest(path: string): Promise<number>;
  /**
   * The node dies: Patroni and its PostgreSQL SIGKILLed (the postmaster is not Patroni's
   * child, so it is found through postmaster.pid), backends with it.
   */
  crash(): void;
  /** Stops the node's PostgreSQL however Patroni left it (cleanup). */
  stopPostgres(): Promise<void>;
}

export function patroniConfig(o: { name: string; scope: string; etcd: string; pgPort: number; restPort: number; dir: string }) {
  return {
    scope: o.scope,
    namespace: '/voiceman/',
    name: o.name,
    restapi: { listen: `127.0.0.1:${o.restPort}`, connect_address: `127.0.0.1:${o.restPort}` },
    etcd3: { hosts: [o.etcd] },
    bootstrap: {
      dcs: {
        ttl: 10, loop_wait: 2, retry_timeout: 4, maximum_lag_on_failover: 1048576,
        // An acknowledged commit is on both nodes; with one node left Patroni lets writes go on.
        synchronous_mode: true,
        postgresql: {
          use_pg_rewind: false,
          parameters: { wal_level: 'replica', hot_standby: 'on', max_wal_senders: 5, max_replication_slots: 5, synchronous_commit: 'on', max_connections: 200 },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C' }],
    },
    postgresql: {
      listen: `127.0.0.1:${o.pgPort}`,
      connect_address: `127.0.0.1:${o.pgPort}`,
      data_dir: join(o.dir, `${o.name}-data`),
      bin_dir: PG_BIN || undefined,
      pgpass: join(o.dir, `${o.name}.pgpass`),
      authentication: { superuser: SUPERUSER, replication: { username: 'replicator', password: 'ha-test-replication' } },
      parameters: { unix_socket_directories: o.dir },
      pg_hba: ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host replication replicator 127.0.0.1/32 trust'],
    },
  };
}

export async function startPatroni(dir: string, name: string, scope: string, etcd: string): Promise<PatroniNode> {
  const pgPort = await freePort();
  const restPort = await freePort();
  const config = patroniConfig({ name, scope, etcd, pgPort, restPort, dir });
  const file = join(dir, `${name}.yml`);
  await writeFile(file, JSON.stringify(config, null, 2));
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? { uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()), gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()) }
    : {};
  const daemon = startDaemon(`patroni ${name}`, 'patroni', [file], join(dir, `${name}.log`), { ...ids, env: { HOME: dir } });
  const dataDir = config.postgresql.data_dir;
  return {
    ...daemon,
    crash() {
      // Both trees found first, then killed back to back: the node dies at one instant.
      const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      for (const pid of [...processTree(daemon.pid), ...processTree(postmaster)]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
    pgPort,
    restPort,
    dataDir,
    rest: (path) => fetch(`http://127.0.0.1:${restPort}${path}`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0),
    stopPostgres: () => asPostgres('pg_ctl', ['stop', '-D', config.postgresql.data_dir, '-m', 'immediate']).then(() => {}, () => {}),
  };
}
