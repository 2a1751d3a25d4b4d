import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import pg from 'pg';
import { buildApp, type BuildOptions, type VoicemanApp } from '../src/build.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const BACKENDS = ['pglite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** URL of the throw-away cluster started by test/global-setup.ts. */
export const clusterUrl = () => (inject as (key: string) => unknown)('pgUrl') as string;

let template: Promise<Blob> | undefined;
/** The migrated PGlite dump written by test/global-setup.ts (read once per test file). */
export function pgliteTemplate(): Promise<Blob> {
  template ??= readFile((inject as (key: string) => unknown)('pgliteTemplate') as string).then((buf) => new Blob([buf]));
  return template;
}

/** A fresh empty database on the test cluster (one per test file or test keeps them apart). */
export async function freshPostgresDb(prefix = 'test'): Promise<string> {
  const base = clusterUrl();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return base.replace(/\/[^/]*$/, `/${name}`);
}

/** Storage options for a fresh database on `backend`. */
export async function storage(backend: Backend): Promise<Pick<BuildOptions, 'databaseUrl' | 'dataDir' | 'pgliteTemplate'>> {
  return backend === 'postgres' ? { databaseUrl: await freshPostgresDb() } : { dataDir: 'memory', pgliteTemplate: await pgliteTemplate() };
}

export async function testApp(backend: Backend, extra: BuildOptions = {}): Promise<VoicemanApp> {
  return buildApp({ ...(await storage(backend)), adminPassword: ADMIN_PASSWORD, designerDist: '/nonexistent', ...extra });
}

/** Logs in and returns the cookie header value. */
export async function login(app: VoicemanApp, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'vm_session');
  if (!cookie) throw new Error('no session cookie');
  return `vm_session=${cookie.value}`;
}

/** The admin plus one user of each other role, logged in: `{ admin, designer, tester }` cookie headers. */
export async function usersOfEveryRole(app: VoicemanApp) {
  const admin = await login(app, 'admin', ADMIN_PASSWORD);
  for (const role of ['designer', 'tester'] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: { username: role, password: `${role}-password`, role } });
    if (res.statusCode !== 201) throw new Error(`create ${role}: ${res.body}`);
  }
  return { admin, designer: await login(app, 'designer', 'designer-password'), tester: await login(app, 'tester', 'tester-password') };
}

export interface DeployedTerminal {
  id: string;
  token: string;
  siteId: string;
  processKey: string;
  versionHash: string;
  auth: { authorization: string };
}

/**
 * A process (start → end) published and deployed to `siteId`, and a terminal registered there:
 * what a terminal needs before its events are accepted. The process is created once per app.
 */
export async function deployedTerminal(app: VoicemanApp, adminCookie: string, siteId = 'dev-lab', processKey = 'hostile'): Promise<DeployedTerminal> {
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: { cookie: adminCookie }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 400 && res.statusCode !== 409) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  await call('POST', '/api/processes', { key: processKey, name: processKey });
  let versions = (await call('GET', `/api/processes/${processKey}/versions`)).json() as { number: number; hash: string }[];
  if (versions.length === 0) {
    await call('POST', `/api/processes/${processKey}/versions`, { revision: 1 });
    versions = (await call('GET', `/api/processes/${processKey}/versions`)).json();
  }
  const v = versions[0]!;
  await call('POST', `/api/sites/${siteId}/deployments`, { processKey, versionNumber: v.number });
  const t = (await call('POST', '/api/terminals', { siteId, name: `t-${siteId}` })).json() as { id: string; token: string };
  return { id: t.id, token: t.token, siteId, processKey, versionHash: v.hash, auth: { authorization: `Bearer ${t.token}` } };
}

/** A valid event of `t`'s deployed process (override any field). */
export function eventFor(t: DeployedTerminal, over: Record<string, unknown> = {}) {
  return {
    id: randomUUID(), sessionId: `s-${randomBytes(4).toString('hex')}`, seq: 0, ts: Date.now(), terminalId: t.id, operatorId: 'op-1',
    processKey: t.processKey, versionHash: t.versionHash, type: 'prompt', state: 'start', data: { text: 'Hello' }, ...over,
  };
}
