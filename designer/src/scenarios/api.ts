/**
 * The server's scenario routes (docs/api.md "Scenarios"), typed with the server's own shapes
 * (`@voiceman/server/api-types`) filled in with the simulator's `Scenario`, `ScenarioDifference`
 * and `ProcessCoverage`, so nothing here re-describes the contract.
 */
import type { ProcessCoverage, Scenario, ScenarioDifference } from '@voiceman/simulator';
import { call } from '../api/client.js';
import type {
  LastScenarioResult,
  LastScenarioRun,
  ScenarioGate,
  ScenarioResult as ServerScenarioResult,
  ScenarioRunReport as ServerRunReport,
  ScenarioTarget,
  StoredScenario as ServerStoredScenario,
} from '@voiceman/server/api-types';

export type { LastScenarioRun, ScenarioGate };
export type RunTarget = ScenarioTarget;
export type LastResult = LastScenarioResult<ScenarioDifference>;
export type StoredScenario = ServerStoredScenario<Scenario, ScenarioDifference>;
export type ScenarioResult = ServerScenarioResult<ScenarioDifference>;
export type ScenarioRunReport = ServerRunReport<ScenarioDifference, ProcessCoverage>;

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
  /** Admins only (the server answers 403 to anyone else). */
  setGate: async (key: string, gate: ScenarioGate): Promise<ScenarioGate> =>
    (await call<{ scenarioGate?: ScenarioGate }>('PATCH', `/api/processes/${enc(key)}`, { scenarioGate: gate })).scenarioGate ?? gate,
  versions: (key: string) => call<{ number: number }[]>('GET', `/api/processes/${enc(key)}/versions`),
};

export type ScenariosApi = typeof scenariosApi;
