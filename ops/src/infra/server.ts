/**
 * A Voiceman server as its own process (`node server/dist/server.js`), as production runs it:
 * started, SIGKILLed and started again on the same port, its CPU and memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { track } from './children.js';
import { freePort } from './ports.js';

export const SERVER_ENTRY = fileURLToPath(new URL('../../../server/dist/server.js', import.meta.url));
export const ADMIN_PASSWORD = 'ops-admin-password';

export interface ServerProcess {
  url: string;
  pid(): number;
  /** Starts it (again) on the same port, `env` over the first one's; resolves once it listens. */
  start(env?: Record<string, string>): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Lines the server printed to stderr (its errors). */
  stderr: string[];
  /**
   * With `timings`: [epoch ms, Fastify's responseTime ms] of every event ingest, from the
   * server's own request log: the server's share of the latency, without the generator's.
   */
  ingestTimings: [number, number][];
}

const INGEST = '/api/terminal/v1/events';

/** Reads Fastify's JSON request log: `incoming request` names the URL, `request completed` the time. */
function ingestTimingReader(out: [number, number][]) {
  const urls = new Map<string, string>();
  let partial = '';
  return (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { reqId?: string; msg?: string; req?: { url?: string }; responseTime?: number };
      if (!entry.reqId) continue;
      if (entry.msg === 'incoming request') {
        if (entry.req?.url === INGEST) urls.set(entry.reqId, INGEST);
      } else if (entry.msg === 'request completed' && urls.delete(entry.reqId) && entry.responseTime !== undefined) {
        out.push([Date.now(), entry.responseTime]);
      }
    }
  };
}

export async function serverProcess(env: Record<string, string>, options: { timings?: boolean } = {}): Promise<ServerProcess> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first`);
  const port = await freePort();
  // The examples' mock WMS would take the fixed port 4010 by default; give it a free one.
  const wmsPort = await freePort();
  let child: ChildProcess | undefined;
  const stderr: string[] = [];
  const ingestTimings: [number, number][] = [];
  const self: ServerProcess = {
    ingestTimings,
    url: `http://127.0.0.1:${port}`,
    stderr,
    pid: () => child?.pid ?? 0,
    start(override = {}) {
      return new Promise((resolve, reject) => {
        const profile = process.env.OPS_SERVER_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.OPS_SERVER_PROFILE_DIR}`] : [];
        const c = track(spawn(process.execPath, [...profile, SERVER_ENTRY], {
          env: {
            ...process.env, PORT: String(port), HOST: '127.0.0.1', WMS_PORT: String(wmsPort),
            VOICEMAN_ADMIN_PASSWORD: ADMIN_PASSWORD, VOICEMAN_EXAMPLES: 'on', VOICEMAN_LOG: options.timings ? 'on' : 'off', ...env, ...override,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        }));
        child = c;
        let listening = false;
        const timings = options.timings ? ingestTimingReader(ingestTimings) : undefined;
        c.stdout!.setEncoding('utf8').on('data', (d: string) => {
          if (!listening && d.includes('Voiceman is running at')) {
            listening = true;
            resolve();
          }
          timings?.(d);
        });
        c.stderr!.on('data', (d: Buffer) => stderr.push(...d.toString().split('\n').filter(Boolean)));
        c.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr.slice(-5).join(' | ')}`)));
      });
    },
    kill(signal = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        c.once('exit', () => resolve());
        c.kill(signal);
      });
    },
  };
  return self;
}

/** Logs in as admin and registers `count` terminals at `siteId` through the admin API. */
export async function registerTerminals(serverUrl: string, count: number, siteId = 'dev-lab'): Promise<{ id: string; token: string }[]> {
  const login = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const out: { id: string; token: string }[] = new Array(count);
  let next = 0;
  // 32 at a time: each is a commit (an fsync); more in flight share PostgreSQL's WAL flushes.
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < count) {
      const i = next++;
      const res = await fetch(`${serverUrl}/api/terminals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: serverUrl },
        body: JSON.stringify({ siteId, name: `load-${String(i).padStart(5, '0')}` }),
      });
      if (res.status !== 201) throw new Error(`register terminal: ${res.status} ${await res.text()}`);
      out[i] = (await res.json()) as { id: string; token: string };
    }
  }));
  return out;
}
