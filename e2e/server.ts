/**
 * Starts the real server (`server/dist/server.js`, built by `npm run build`) with a throw-away
 * PGlite data dir, and stops it again. Used by the e2e global setup, the specs that need a server
 * of their own (`useServer`) and the designer benchmark.
 *
 * The server binds port 0 (and the mock WMS too) and the start waits for the line it prints
 * once it listens, so two Playwright workers never race for a port and no start polls. Whatever
 * a start spawned is stopped even when the start failed, timed out or was aborted (a spec's
 * `beforeAll` timing out), and killed when the worker process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Children still running; the last resort when a worker exits without its afterAll. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Spawns `server/dist/server.js`, tracked in `live` until it exits. */
export function spawnServer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(root, 'server/dist/server.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** SIGTERM (graceful), SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Resolves with the match of `pattern` in the child's output once it is printed (no polling);
 * rejects when the child exits first, after `timeoutMs`, or when `signal` aborts.
 */
export function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number, signal?: AbortSignal): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(output());
      if (m) done(() => resolve(m));
    };
    const exited = () => done(() => reject(new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output()}`)));
    const aborted = () => done(() => reject(new Error('server start aborted')));
    const timer = setTimeout(() => done(() => reject(new Error(`server printed no ${pattern} within ${timeoutMs / 1000} s:\n${output()}`))), timeoutMs);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exited);
      signal?.removeEventListener('abort', aborted);
      settle();
    };
    // Listeners added after the output collector's, so `output()` already holds the new chunk.
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', exited);
    signal?.addEventListener('abort', aborted, { once: true });
    if (signal?.aborted) aborted();
    else if (!running(child)) exited();
    else check();
  });
}

export interface RunningServer {
  url: string;
  password: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  password?: string;
  log?: boolean;
  /**
   * Start without `VOICEMAN_ADMIN_PASSWORD`, as a real first start: the server generates a
   * one-time admin password and prints it; `password` is then that printed one.
   */
  generatedPassword?: boolean;
  /** Seed the example processes and start the mock WMS (on a free port) as `npm start` does. */
  examples?: boolean;
  /** Aborting stops the start: the child is killed and its data dir removed. */
  signal?: AbortSignal;
  /** How long the server may take to listen (a loaded machine seeding the examples is slow). */
  timeoutMs?: number;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'voiceman-e2e-'));
  let child: ChildProcess | undefined;
  const stop = async () => {
    if (child) await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    options.signal?.throwIfAborted();
    let password = options.password ?? 'e2e-admin-password';
    const examples: Record<string, string> = options.examples ? { WMS_PORT: '0' } : { VOICEMAN_EXAMPLES: 'off' };
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, VOICEMAN_ADMIN_PASSWORD: password, ...examples };
    if (options.generatedPassword) delete env.VOICEMAN_ADMIN_PASSWORD;
    child = spawnServer(env);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    if (options.log) {
      child.stdout?.pipe(process.stdout);
      child.stderr?.pipe(process.stderr);
    }
    const timeoutMs = options.timeoutMs ?? 120_000;
    // Printed once it listens, with the port the OS gave it.
    const [, url] = await waitForOutput(child, () => output, /Voiceman is running at (http:\/\/\S+?)\/?\s/, timeoutMs, options.signal);
    // The server prints the one-time password right after that line (possibly in a later chunk).
    if (options.generatedPassword) password = (await waitForOutput(child, () => output, /one-time password (\S+)/, 10_000, options.signal))[1]!;
    return { url: url!, password, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * One server for a spec file, started in a `beforeAll` registered here (so register this before
 * hooks that use it) and stopped in an `afterAll` that also stops a start still under way: a
 * `beforeAll` that times out leaves no server behind. The start alone may take `timeoutMs`.
 */
export function useServer(options: Omit<StartOptions, 'signal'> = {}): () => RunningServer {
  const timeoutMs = options.timeoutMs ?? 150_000;
  let controller: AbortController | undefined;
  let starting: Promise<RunningServer> | undefined;
  let server: RunningServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(timeoutMs + 10_000);
    controller = new AbortController();
    starting = startServer({ ...options, timeoutMs, signal: controller.signal });
    server = await starting;
  });
  test.afterAll(async () => {
    controller?.abort();
    const s = await starting?.catch(() => undefined);
    await s?.stop();
  });
  return () => {
    if (!server) throw new Error('the spec server did not start');
    return server;
  };
}
