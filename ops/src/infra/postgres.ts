/**
 * A throw-away PostgreSQL 15 cluster that can be stopped and started again (fault tests), with
 * production durability by default (fsync and synchronous_commit on): an acknowledged event
 * must survive a crash of PostgreSQL. As root the cluster belongs to the `postgres` OS user.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { atExit } from './children.js';
import { freePort } from './ports.js';

const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? (existsSync('/usr/lib/postgresql/15/bin') ? '/usr/lib/postgresql/15/bin' : '');
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the `postgres` OS user when we are root. */
export async function asPostgres(bin: string, args: string[]) {
  const cmd = PG_BIN ? join(PG_BIN, bin) : bin;
  return asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
}

/** Stops a data directory's PostgreSQL at once, synchronously (cleanup when a script is cut short). */
export function stopPostgresSync(dataDir: string): void {
  const cmd = PG_BIN ? join(PG_BIN, 'pg_ctl') : 'pg_ctl';
  const args = ['stop', '-D', dataDir, '-m', 'immediate'];
  try {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'ignore' });
    else execFileSync(cmd, args, { stdio: 'ignore' });
  } catch {
    // not running
  }
}

/** A temp dir the `postgres` OS user owns (as root), for data directories and sockets. */
export async function postgresTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await chown(dir, uid, gid);
  }
  return dir;
}

export interface Cluster {
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** `immediate` is a crash (no checkpoint): what an acknowledged commit must survive. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** The postmaster's pid (its backends are its children). */
  pid(): number;
  /** Stops for good and removes the files. */
  destroy(): Promise<void>;
}

export async function startCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const dir = await postgresTempDir('vmops-pg-');
  const data = join(dir, 'data');
  const forget = atExit(() => {
    stopPostgresSync(data);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  const options = Object.entries({ listen_addresses: '127.0.0.1', max_connections: '200', ...settings })
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const start = () => asPostgres('pg_ctl', ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} ${options}`]).then(() => {});
  await start();
  // OPS_PG_SOCKET=1: clients over the cluster's unix socket instead of loopback TCP.
  const url = (database = 'postgres') =>
    process.env.OPS_PG_SOCKET === '1' ? `postgres://postgres@localhost/${database}?host=${encodeURIComponent(dir)}&port=${port}` : `postgres://postgres@127.0.0.1:${port}/${database}`;
  let destroyed = false;
  const cluster: Cluster = {
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name.replace(/[^a-z0-9_]/g, '_')}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: (mode = 'fast') => asPostgres('pg_ctl', ['stop', '-w', '-D', data, '-m', mode]).then(() => {}),
    start,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      forget();
      await cluster.stop('immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
  return cluster;
}
