import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/build.js';
import { DataDirLockedError, lockDataDir } from '../src/db/data-dir-lock.js';
import { ADMIN_PASSWORD, deployedTerminal, eventFor, login, pgliteTemplate, type DeployedTerminal } from './backends.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), 'voiceman-lock-'));
  dirs.push(d);
  return d;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `npm start` as a real child process (the TypeScript entry through tsx) on `dataDir`. */
async function startServer(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, VOICEMAN_EXAMPLES: 'off', VOICEMAN_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  return { child, url, exited, output: () => output };
}

async function waitHealthy(s: Awaited<ReturnType<typeof startServer>>) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
    if (await fetch(`${s.url}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /healthz: ${s.output()}`);
}

describe('the PGlite data directory lock', () => {
  it('refuses a second holder by name, and takes over the lock of a process that is gone', async () => {
    const dir = await tempDir();
    const release = await lockDataDir(dir);
    const err = await lockDataDir(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`in use by process ${process.pid} on ${hostname()}`);
    await release();
    await (await lockDataDir(dir))();
    // A lock left by a killed process: its pid is no longer alive.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.once('exit', r));
    await writeFile(join(dir, 'voiceman.lock'), JSON.stringify({ pid: dead.pid, host: hostname(), startedAt: new Date().toISOString() }));
    await (await lockDataDir(dir))();
    // Half-written by a process killed between create and write.
    await writeFile(join(dir, 'voiceman.lock'), '{"pid":');
    await (await lockDataDir(dir))();
  });
});

describe('the embedded server killed during ingest', () => {
  it('a second server on the same DATA_DIR is refused; after SIGKILL every acknowledged event is still there', async () => {
    const dir = await tempDir();
    // Prepared in this process, then closed: a deployed process and a terminal.
    let t: DeployedTerminal;
    {
      const prep = await buildApp({ dataDir: dir, pgliteTemplate: await pgliteTemplate(), adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
      try {
        t = await deployedTerminal(prep, await login(prep, 'admin', ADMIN_PASSWORD));
      } finally {
        await prep.close();
      }
    }
    const first = await startServer(dir);
    await waitHealthy(first);

    const second = await startServer(dir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`Voiceman did not start: the data directory ${dir} is in use by process ${first.child.pid} on ${hostname()}`);
    expect(second.output()).not.toMatch(/\n\s+at /);

    // Four terminals' worth of concurrent batches until the server is killed mid-stream.
    const acknowledged = new Set<string>();
    let sent = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let batch = 0; !killed; batch++) {
        const events = Array.from({ length: 100 }, (_, i) => eventFor(t, { sessionId: `crash-${w}`, seq: batch * 100 + i }));
        sent += events.length;
        try {
          const res = await fetch(`${first.url}/api/terminal/v1/events`, { method: 'POST', headers: { ...t.auth, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
          if (res.ok) for (const id of ((await res.json()) as { stored: string[] }).stored) acknowledged.add(id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const deadline = Date.now() + 60_000;
    while (acknowledged.size < 3000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged.size, first.output()).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    killed = true;
    await first.exited;
    await Promise.all(workers);

    // The killed server's lock is stale: a new server opens the directory, and PostgreSQL's WAL recovery runs.
    const reopened = await buildApp({ dataDir: dir, adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent' });
    try {
      const ids = [...acknowledged];
      const { rows } = await reopened.db.query<{ keys: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM dialog_event_keys WHERE id = ANY($1::uuid[])) AS keys,
                (SELECT count(*)::int FROM dialog_events WHERE id = ANY($1::uuid[])) AS events`,
        [ids],
      );
      console.info(`SIGKILL during ingest: ${sent} events sent, ${ids.length} acknowledged, ${rows[0]!.events} of them found after reopening`);
      expect(rows[0]).toEqual({ keys: ids.length, events: ids.length });
      const sessions = await reopened.db.query<{ n: number }>(`SELECT sum(event_count)::int AS n FROM dialog_sessions WHERE session_id LIKE 'crash-%'`);
      expect(sessions.rows[0]!.n).toBeGreaterThanOrEqual(ids.length);
    } finally {
      await reopened.close();
    }
  }, 180_000);
});
