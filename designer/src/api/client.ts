/**
 * The server's browser API (docs/api.md), typed. Session cookie auth: every call is same-origin
 * with credentials. Errors become `ApiError` carrying the server's `{code, message, ...details}`.
 */
import type { FlowGraph } from '@voiceman/compiler';
import type { Diagnostic } from '@voiceman/compiler';
import type { ProcessDraft as ServerProcessDraft, ProcessSummary, VersionSummary } from '@voiceman/server/api-types';

export type Role = 'designer' | 'tester' | 'admin';
export interface User {
  username: string;
  role: Role;
  /** Logged in with the server's generated first-start password: must choose their own. */
  mustChangePassword?: boolean;
}

/** The server's minimum for a new password (`PUT /api/auth/password`). */
export const MIN_PASSWORD_LENGTH = 8;

export type { ProcessSummary, VersionSummary };
/** The draft as the server sends it, its graph read as a flow. */
export type ProcessDraft = ServerProcessDraft<FlowGraph>;

export interface VersionDetail extends VersionSummary {
  graph: FlowGraph;
  machine: unknown;
}

export interface ConflictCurrent {
  revision: number;
  graph: FlowGraph;
  updatedAt: string;
  updatedBy: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Network failure (offline, server down) as opposed to an answer from the server. */
export class OfflineError extends Error {}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new OfflineError(err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: text };
    }
  }
  if (!res.ok) {
    const d = (data ?? {}) as Record<string, unknown>;
    throw new ApiError(res.status, typeof d.code === 'string' ? d.code : `http_${res.status}`, typeof d.message === 'string' ? d.message : res.statusText, d);
  }
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => call<User>('POST', '/api/auth/login', { username, password }),
  logout: () => call<void>('POST', '/api/auth/logout'),
  me: () => call<User>('GET', '/api/auth/me'),
  /** 204; wrong current → 401 `bad_credentials`, same as current → 400 `password_unchanged`. */
  changePassword: (currentPassword: string, newPassword: string) => call<void>('PUT', '/api/auth/password', { currentPassword, newPassword }),
  listProcesses: (q = '') => call<ProcessSummary[]>('GET', `/api/processes${q ? `?q=${enc(q)}` : ''}`),
  createProcess: (key: string, name: string, graph?: FlowGraph) => call<ProcessDraft>('POST', '/api/processes', { key, name, graph }),
  getProcess: (key: string) => call<ProcessDraft>('GET', `/api/processes/${enc(key)}`),
  saveDraft: (key: string, graph: FlowGraph, revision: number) => call<{ revision: number }>('PUT', `/api/processes/${enc(key)}/draft`, { graph, revision }),
  renameProcess: (key: string, name: string) => call<unknown>('PATCH', `/api/processes/${enc(key)}`, { name }),
  duplicateProcess: (key: string, newKey: string, name: string) => call<unknown>('POST', `/api/processes/${enc(key)}/duplicate`, { key: newKey, name }),
  deleteProcess: (key: string) => call<void>('DELETE', `/api/processes/${enc(key)}`),
  /** 409 `no_change` (details `{number, hash}`) when the machine equals the latest version's, unless `allowSame`. */
  publish: (key: string, note: string, revision: number, allowSame = false) =>
    call<{ number: number; hash: string }>('POST', `/api/processes/${enc(key)}/versions`, allowSame ? { note, revision, allowSame } : { note, revision }),
  /** Admin: takes the process off the site (204); 404 `not_deployed`. */
  undeploy: (siteId: string, key: string) => call<void>('DELETE', `/api/sites/${enc(siteId)}/deployments/${enc(key)}`),
  listVersions: (key: string) => call<VersionSummary[]>('GET', `/api/processes/${enc(key)}/versions`),
  getVersion: (key: string, n: number) => call<VersionDetail>('GET', `/api/processes/${enc(key)}/versions/${n}`),
  getReference: (name: string) => call<{ revision: number; rows: { key: string; value: string }[] }>('GET', `/api/reference/${enc(name)}`),
  validate: (key: string) => call<{ diagnostics: Diagnostic[] }>('POST', `/api/processes/${enc(key)}/validate`),
};

export type Api = typeof api;
