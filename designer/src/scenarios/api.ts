/**
 * The server's scenario routes (docs/api.md "Scenarios", the lead's SCENARIOS-API contract),
 * typed. The shapes are the contract's; `Scenario`, `ScenarioDifference` and `ProcessCoverage`
 * are the simulator's own types, so nothing here re-describes the format.
 */
import type { ProcessCoverage, Scenario, ScenarioDifference } from '@voiceman/simulator';
import { call } from '../api/client.js';

export type RunTarget = 'draft' | number;

export interface LastResult {
  runId: string;
  at: string;
  target: RunTarget;
  passed: boolean;
  difference?: ScenarioDifference;
}

export interface StoredScenario {
  id: string;
  name: string;
  scenario: Scenario;
  updatedAt: string;
  updatedBy: string;
  lastResult: LastResult | null;
}

export interface ScenarioResult {
  scenarioId: string;
  name: string;
  passed: boolean;
  difference?: ScenarioDifference;
  steps: number;
  taken: string[];
}

export interface ScenarioRunReport {
  id: string;
  processKey: string;
  target: RunTarget;
  trigger: 'manual' | 'publish' | 'nightly';
  status: 'running' | 'done' | 'failed';
  error?: string;
  total: number;
  done: number;
  passed: number;
  failed: number;
  results: ScenarioResult[];
  coverage: ProcessCoverage | null;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string | null;
}

/** `GET /api/processes` rows gain this (the newest finished run against the draft, else any). */
export interface LastScenarioRun {
  id: string;
  at: string;
  target: RunTarget;
  total: number;
  passed: number;
  failed: number;
}

export type ScenarioGate = 'off' | 'warn' | 'block';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The 422 `scenarios_failed` of a blocked publish. */
export interface BlockedPublish {
  runId: string;
  failed: { name: string; difference?: ScenarioDifference }[];
}

const enc = encodeURIComponent;
const base = (key: string) => `/api/processes/${enc(key)}/scenarios`;

export const scenariosApi = {
  list: (key: string) => call<StoredScenario[]>('GET', base(key)),
  create: (key: string, scenario: Scenario) => call<StoredScenario>('POST', base(key), { scenario }),
  update: (key: string, id: string, scenario: Scenario) => call<StoredScenario>('PUT', `${base(key)}/${enc(id)}`, { scenario }),
  remove: (key: string, id: string) => call<void>('DELETE', `${base(key)}/${enc(id)}`),
  importMany: (key: string, scenarios: Scenario[], replace = false) => call<ImportCounts>('POST', `${base(key)}/import`, { scenarios, replace }),
  startRun: (key: string, target: RunTarget, scenarioIds?: string[]) =>
    call<{ id: string }>('POST', `/api/processes/${enc(key)}/scenario-runs`, { target, ...(scenarioIds ? { scenarioIds } : {}) }),
  getRun: (id: string) => call<ScenarioRunReport>('GET', `/api/scenario-runs/${enc(id)}`),
  gate: async (key: string): Promise<ScenarioGate> => (await call<{ scenarioGate?: ScenarioGate }>('GET', `/api/processes/${enc(key)}`)).scenarioGate ?? 'warn',
  versions: (key: string) => call<{ number: number }[]>('GET', `/api/processes/${enc(key)}/versions`),
};

export type ScenariosApi = typeof scenariosApi;
