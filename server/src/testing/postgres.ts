import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** Connection URL of the `postgres` database of the throw-away cluster. */
  url: string;
  /** Creates a fresh empty database and returns its URL (one per test file keeps them apart). */
  createDatabase(prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', name])).stdout.trim());
  const gid = Number((await run('id', ['-g', name])).stdout.trim());
  return { uid, gid };
}

/**
 * Where `initdb` and `pg_ctl` are: `PG_BIN` when set; else `pg_config --bindir` when it holds
 * them; else the newest `/usr/lib/postgresql/<major>/bin` (Debian's postgresql package puts
 * them there, not on PATH); else undefined (PATH).
 */
export async function postgresBinDir(): Promise<string | undefined> {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const fromConfig = await run('pg_config', ['--bindir']).then((r) => r.stdout.trim(), () => '');
  if (fromConfig && has(fromConfig)) return fromConfig;
  const majors = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  const newest = majors.filter((m) => /^\d+$/.test(m)).sort((a, b) => Number(b) - Number(a)).map((m) => `/usr/lib/postgresql/${m}/bin`).find(has);
  return newest;
}

/**
 * Starts a throw-away PostgreSQL cluster from the `initdb`/`pg_ctl` binaries (`postgresBinDir`), in a
 * temp dir, on a free 127.0.0.1 port, trust auth. PostgreSQL refuses to run as root, so as
 * root the cluster belongs to the `postgres` OS user.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'voiceman-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const bin = await postgresBinDir();
  const exec = async (name: string, args: string[]) => {
    const cmd = bin ? join(bin, name) : name;
    return asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
  };
  if (asRoot) {
    const { uid, gid } = await osUser('postgres');
    await chown(dir, uid, gid);
  }
  const port = await freePort();
  await exec('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  await exec('pg_ctl', [
    'start', '-w', '-D', dataDir, '-l', join(dir, 'log'),
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
  ]);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let stopped = false;
  return {
    url: `${base}/postgres`,
    async createDatabase(prefix = 'test') {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
