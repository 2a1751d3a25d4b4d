/**
 * The shapes the browser API sends, shared with the designer (`@voiceman/server/api-types`, a
 * types-only entry with no imports, so the designer's type-check never sees Node or fastify).
 * `G` is the flow graph's type: the server stores it as `unknown`, the designer reads a FlowGraph.
 */
export interface ProcessSummary {
  key: string;
  name: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
  latestVersion: number | null;
}

export interface ProcessDraft<G = unknown> {
  key: string;
  name: string;
  revision: number;
  graph: G;
  updatedAt: string;
  updatedBy: string;
}

export interface VersionSummary {
  number: number;
  hash: string;
  note: string;
  author: string;
  createdAt: string;
}

/** A setting's value as a browser sees it: a secret only as set or not. */
export type ShownSettingValue = string | number | boolean | null | { secret: true; set: boolean };

/** `GET /api/environments/:environment/settings` items. */
export interface SettingSummary {
  name: string;
  type: 'string' | 'int' | 'double' | 'bool';
  description: string;
  secret: boolean;
  value: ShownSettingValue;
  updatedAt: string;
  updatedBy: string;
}

/** What a terminal gets for each deployed process besides its machine (`GET /api/terminal/v1/machines`). */
export interface DeliveredSettings {
  /** DialogOptions.input: the process's input variables from the site's settings. */
  input: Record<string, string | number | boolean>;
  /** DialogOptions.settings. */
  settings: { confidenceThreshold?: number; silenceTimeoutFactor?: number; language?: 'en' | 'ru' };
  /** DialogOptions.secrets. */
  secrets: string[];
}

/** `GET /api/replays/:id`: a replay of logged sessions (routes/replays.ts). `S`: the simulator's ReplayStep. */
export interface ReplayReport {
  id: string;
  processKey: string;
  target: 'draft' | number;
  versionHash: string;
  status: 'running' | 'done' | 'failed';
  error?: string;
  filter: { processKey: string; siteId?: string; version?: number; from?: string; to?: string; outcome?: 'done' | 'error' | 'open'; limit: number };
  total: number;
  done: number;
  totals: { same: number; diverged: number; inconclusive: number };
  sessions: ReplaySessionRow[];
  startedAt: string;
  finishedAt: string | null;
}

export interface ReplaySessionRow {
  sessionId: string;
  siteId: string;
  version: number | null;
  versionHash: string;
  startedAt: string;
  verdict: 'same' | 'diverged' | 'inconclusive';
  step?: number;
  reason?: string;
  expected?: string;
  actual?: string;
}

/** `GET /api/replays/:id/sessions/:sessionId`: one session side by side. */
export interface ReplayComparison<S = unknown> {
  original: S[];
  replayed: S[];
  divergedAt: number | null;
  verdict: 'same' | 'diverged' | 'inconclusive';
  step?: number;
  reason?: string;
  expected?: string;
  actual?: string;
}

/** `GET /api/sessions/:sessionId/steps`: a logged session's path, step by step. */
export interface LoggedSessionSteps<S = unknown> {
  sessionId: string;
  processKey: string;
  siteId: string;
  versionHash: string;
  version: number | null;
  startedAt: string;
  outcome: string;
  steps: S[];
}
