/**
 * For the terminal's browser tests: the real server on a throw-away PostgreSQL cluster (so a
 * test can count the stored dialog events, and kill -9 the server and start it again on the
 * same port and database), the mock WMS in the test process (it outlives a server crash), and
 * the example processes published through the admin API with `wmsUrl` pointing at that WMS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { test } from '@playwright/test';
import { startTestPostgres, type TestPostgres } from '@voiceman/server/testing';
import { exampleFlows, exampleReferenceTables, startMockWms, type MockWms } from '@voiceman/examples';
import { freePort } from './server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PASSWORD = 'terminal-e2e-password';

if (!process.env.PATH?.includes('/usr/lib/postgresql/15/bin')) process.env.PATH = `/usr/lib/postgresql/15/bin:${process.env.PATH}`;

export interface TerminalTestServer {
  url: string;
  wms: MockWms;
  db: pg.Pool;
  admin: AdminApi;
  /** SIGKILL: no graceful shutdown. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database (nothing when it runs). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export interface AdminApi {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Creates (or updates) a process draft from a flow, publishes it and deploys it to the site. */
  publish(flow: unknown, siteId?: string): Promise<{ number: number; hash: string }>;
}

let postgres: TestPostgres | null = null;
async function cluster(): Promise<TestPostgres> {
  postgres ??= await startTestPostgres();
  return postgres;
}
export async function stopCluster(): Promise<void> {
  await postgres?.stop();
  postgres = null;
}

export async function startTerminalServer(options: { examples?: boolean } = {}): Promise<TerminalTestServer> {
  const pgc = await cluster();
  const databaseUrl = await pgc.createDatabase('terminal');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const wms = await startMockWms({ port: 0, testRoutes: true });
  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    output = '';
    child = spawn(process.execPath, [join(root, 'server/dist/server.js')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, VOICEMAN_ADMIN_PASSWORD: PASSWORD, VOICEMAN_EXAMPLES: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not yet
      }
      if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  await start();
  const admin = await adminApi(url);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  if (options.examples !== false) await seed(admin, wms.url);
  const kill = async () => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  return {
    url, wms, db, admin,
    kill,
    restart: start,
    async stop() {
      await kill();
      await db.end();
      await wms.close();
    },
    output: () => output,
  };
}

async function adminApi(url: string): Promise<AdminApi> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (!login.ok) throw new Error(`admin login: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const api: AdminApi = {
    async call<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async publish(flow, siteId = 'dev-lab') {
      const proc = (flow as { process: { key: string; name: string } }).process;
      let res = await api.call<{ revision: number }>('POST', '/api/processes', { key: proc.key, name: proc.name, graph: flow });
      if (res.status === 409) {
        const current = await api.call<{ revision: number }>('GET', `/api/processes/${proc.key}`);
        res = await api.call<{ revision: number }>('PUT', `/api/processes/${proc.key}/draft`, { graph: flow, revision: current.body.revision });
      }
      if (res.status >= 300) throw new Error(`draft ${proc.key}: ${res.status} ${JSON.stringify(res.body)}`);
      const published = await api.call<{ number: number; hash: string }>('POST', `/api/processes/${proc.key}/versions`, { note: 'e2e', revision: res.body.revision, allowSame: true });
      if (published.status !== 201) throw new Error(`publish ${proc.key}: ${published.status} ${JSON.stringify(published.body)}`);
      const deployed = await api.call('POST', `/api/sites/${siteId}/deployments`, { processKey: proc.key, versionNumber: published.body.number });
      if (deployed.status >= 300) throw new Error(`deploy ${proc.key}: ${deployed.status} ${JSON.stringify(deployed.body)}`);
      return published.body;
    },
  };
  return api;
}

/** One server for a spec file: started before its tests, stopped (with the cluster) after them. */
export function useTerminalServer(): () => TerminalTestServer {
  let server: TerminalTestServer | undefined;
  test.beforeAll(async () => {
    server = await startTerminalServer();
  });
  test.afterAll(async () => {
    await server?.stop();
    await stopCluster();
  });
  return () => {
    if (!server) throw new Error('the terminal test server did not start');
    return server;
  };
}

/** The examples a terminal needs: sign-on, then case-picking (which calls it). */
export function exampleFlow(key: string, wmsUrl: string): { process: { key: string; variables: { name: string; default?: unknown }[] }; nodes: { id: string; switchPoint?: boolean; kind: string; data: Record<string, unknown> }[] } {
  const flow = JSON.parse(JSON.stringify(exampleFlows().find((f) => f.process.key === key)));
  for (const v of flow.process.variables) if (v.name === 'wmsUrl') v.default = wmsUrl;
  return flow;
}

async function seed(admin: AdminApi, wmsUrl: string) {
  // The site's WMS (a site setting the terminal receives with the rules and passes as input).
  const setting = await admin.call('PUT', '/api/environments/development/settings/wmsUrl', { type: 'string', description: 'The mock WMS of the e2e run', secret: false, value: wmsUrl });
  if (setting.status >= 300) throw new Error(`site setting wmsUrl: ${setting.status} ${JSON.stringify(setting.body)}`);
  for (const [name, rows] of Object.entries(exampleReferenceTables())) {
    const res = await admin.call('PUT', `/api/reference/${name}`, { rows });
    if (res.status >= 300) throw new Error(`reference ${name}: ${res.status}`);
  }
  await admin.publish(exampleFlow('sign-on', wmsUrl));
  await admin.publish(exampleFlow('case-picking', wmsUrl));
}

/** A pairing code from the admin API; before the route exists, a terminal registered directly. */
export async function pairingCode(admin: AdminApi, name: string, siteId = 'dev-lab'): Promise<{ code: string } | { token: string; terminalId: string }> {
  const res = await admin.call<{ code: string }>('POST', '/api/terminals/pairing-codes', { siteId, name });
  if (res.status === 201 || res.status === 200) return { code: res.body.code };
  if (res.status !== 404) throw new Error(`pairing code: ${res.status} ${JSON.stringify(res.body)}`);
  const reg = await admin.call<{ id: string; token: string }>('POST', '/api/terminals', { siteId, name });
  if (reg.status !== 201) throw new Error(`register terminal: ${reg.status}`);
  return { token: reg.body.token, terminalId: reg.body.id };
}
