/**
 * For the terminal's browser tests: the real server on a throw-away PostgreSQL cluster (so a
 * test can count the stored dialog events, and kill -9 the server and start it again on the
 * same port and database), the mock WMS in the test process (it outlives a server crash), and
 * the example processes published through the admin API with `wmsUrl` pointing at that WMS.
 */
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { test } from '@playwright/test';
import { startTestPostgres, type TestPostgres } from '@voiceman/server/testing';
import { exampleFlows, exampleReferenceTables, startMockWms, type MockWms } from '@voiceman/examples';
import { running, spawnServer, stopChild, waitForOutput } from './server.js';

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

// The promise, not the cluster: a stop during a start still finds (and stops) what it starts.
let postgres: Promise<TestPostgres> | null = null;
function cluster(): Promise<TestPostgres> {
  postgres ??= startTestPostgres();
  return postgres;
}
export async function stopCluster(): Promise<void> {
  const starting = postgres;
  postgres = null;
  await (await starting?.catch(() => undefined))?.stop();
}

/**
 * `signal` aborts a start under way (the spec's `afterAll` after a `beforeAll` timed out): the
 * server child is killed and the mock WMS and pool closed, whatever of them was started.
 */
export async function startTerminalServer(options: { examples?: boolean; signal?: AbortSignal } = {}): Promise<TerminalTestServer> {
  const { signal } = options;
  const cleanups: (() => Promise<unknown>)[] = [];
  let child: ChildProcess | null = null;
  const kill = async () => {
    if (child) await stopChild(child, 0);
  };
  cleanups.push(kill);
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const pgc = await cluster();
    signal?.throwIfAborted();
    const databaseUrl = await pgc.createDatabase('terminal');
    const wms = await startMockWms({ port: 0, testRoutes: true });
    cleanups.push(() => wms.close());
    // Port 0 on the first start (no race with another worker); a restart binds the same port.
    let port = 0;
    let url = '';
    let output = '';
    const start = async () => {
      if (child && running(child)) return;
      output = '';
      const c = spawnServer({ ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, VOICEMAN_ADMIN_PASSWORD: PASSWORD, VOICEMAN_EXAMPLES: 'off' });
      child = c;
      c.stdout?.on('data', (d) => (output += d));
      c.stderr?.on('data', (d) => (output += d));
      const [, bound] = await waitForOutput(c, () => output, /Voiceman is running at (http:\/\/\S+?)\/?\s/, 90_000, signal);
      url = bound!;
      port = Number(new URL(url).port);
    };
    await start();
    const admin = await adminApi(url);
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    cleanups.push(() => db.end());
    if (options.examples !== false) await seed(admin, wms.url);
    signal?.throwIfAborted();
    return {
      url, wms, db, admin,
      kill,
      restart: start,
      stop,
      output: () => output,
    };
  } catch (err) {
    await stop();
    throw err;
  }
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

/**
 * One server for a spec file: started before its tests, stopped (with the cluster) after them,
 * also when its start timed out (the start alone may take 150 s on a loaded machine).
 */
export function useTerminalServer(options: { examples?: boolean } = {}): () => TerminalTestServer {
  let controller: AbortController | undefined;
  let starting: Promise<TerminalTestServer> | undefined;
  let server: TerminalTestServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(160_000);
    controller = new AbortController();
    starting = startTerminalServer({ ...options, signal: controller.signal });
    server = await starting;
  });
  test.afterAll(async () => {
    controller?.abort();
    await (await starting?.catch(() => undefined))?.stop();
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
