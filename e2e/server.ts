/**
 * Starts the real server (`server/dist/server.js`, built by `npm run build`) on a free port with
 * a throw-away PGlite data dir, and stops it again. Used by the e2e global setup and the
 * designer benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const examples: Record<string, string> = options.examples ? { WMS_PORT: String(await freePort()) } : { VOICEMAN_EXAMPLES: 'off' };
  const dataDir = await mkdtemp(join(tmpdir(), 'voiceman-e2e-'));
  let password = options.password ?? 'e2e-admin-password';
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, VOICEMAN_ADMIN_PASSWORD: password, ...examples };
  if (options.generatedPassword) delete env.VOICEMAN_ADMIN_PASSWORD;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'server/dist/server.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  if (options.log) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`server did not answer /healthz within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (options.generatedPassword) {
    // The line may trail the first /healthz answer by a moment.
    const printed = /one-time password (\S+)/;
    while (!printed.test(output) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const m = printed.exec(output);
    if (!m) {
      child.kill();
      throw new Error(`server printed no one-time admin password:\n${output}`);
    }
    password = m[1]!;
  }
  return {
    url,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
