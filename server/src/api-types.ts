/**
 * The shapes the browser API sends, shared with the designer (`@voiceman/server/api-types`, a
 * types-only entry: it imports only the routes' JSON Schemas (schemas.ts, plain data) and
 * json-schema-to-ts, so the designer's type-check never sees Node or fastify). Each shape is
 * derived from the schema its route answers with: the schema is written once.
 * `G` is the flow graph's type: the server stores it as `unknown`, the designer reads a FlowGraph.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { processDraftSchema, processSummarySchema, scenarioGate, versionSummarySchema } from './schemas.js';
import type { publishScenarios } from './scenarios/schemas.js';
import type * as consoleAdmin from './console-admin-schemas.js';
import type { importPlanSchema, installationSchema, trustedKeySchema } from './packages/schemas.js';

/** `GET /api/packages/installation`. */
export type PackageInstallation = FromSchema<typeof installationSchema>;
/** `GET /api/packages/trusted-keys` items. */
export type TrustedKey = FromSchema<typeof trustedKeySchema>;
/** What `POST /api/packages/dry-run` and `/import` answer. */
export type ImportPlan = FromSchema<typeof importPlanSchema>;
import type { dashboardNodesSchema, dashboardSummarySchema } from './dashboard-schemas.js';

export type ProcessSummary = FromSchema<typeof processSummarySchema>;

export type ProcessDraft<G = unknown> = Omit<FromSchema<typeof processDraftSchema>, 'graph'> & { graph: G };

export type VersionSummary = FromSchema<typeof versionSummarySchema>;

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

export type ScenarioGate = FromSchema<typeof scenarioGate>;
/** A run's target: the process's draft (compiled at the start of the run) or a version number. */
export type ScenarioTarget = 'draft' | number;

/** `GET /api/processes` rows: the newest finished run (draft first). */
export type LastScenarioRun = NonNullable<ProcessSummary['lastScenarioRun']>;

/** A scenario's result in the newest finished run that ran it. `D` = the simulator's ScenarioDifference. */
export interface LastScenarioResult<D = unknown> {
  runId: string;
  at: string;
  target: ScenarioTarget;
  passed: boolean;
  difference?: D;
}

/** `GET /api/processes/:key/scenarios` items. `S` = the simulator's Scenario. */
export interface StoredScenario<S = unknown, D = unknown> {
  id: string;
  name: string;
  scenario: S;
  updatedAt: string;
  updatedBy: string;
  lastResult: LastScenarioResult<D> | null;
}

export interface ScenarioResult<D = unknown> {
  scenarioId: string;
  name: string;
  passed: boolean;
  difference?: D;
  steps: number;
  /** Outcome keys in the order the run took them. */
  taken: string[];
  /** A failed scenario's SimView at its end (only in `GET /api/scenario-runs/:id`; absent over 256 KiB). */
  view?: unknown;
}

/** `GET /api/scenario-runs/:id`. `C` = the simulator's ProcessCoverage. */
export interface ScenarioRunReport<D = unknown, C = unknown> {
  id: string;
  processKey: string;
  target: ScenarioTarget;
  trigger: 'manual' | 'publish' | 'nightly';
  status: 'running' | 'done' | 'failed';
  error?: string;
  total: number;
  done: number;
  passed: number;
  failed: number;
  results: ScenarioResult<D>[];
  coverage: C | null;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string | null;
}

/** Added to the 201 of `POST /api/processes/:key/versions` when the gate is not `off` (`runId` null when nothing ran). */
export type PublishScenarios = FromSchema<typeof publishScenarios>;

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
  /** How the logged dialog ended, as its process names it (the end node's outcome). */
  endOutcome?: string | null;
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
  /** How the dialog ended, as its process names it (the end node's outcome); null when unnamed. */
  endOutcome: string | null;
  steps: S[];
}

/** The admin console (console-admin-schemas.ts): users, the fleet, reference tables, the audit log. */
export type ManagedUser = FromSchema<typeof consoleAdmin.managedUserSchema>;
export type UserSession = FromSchema<typeof consoleAdmin.userSessionSchema>;
export type FleetSite = FromSchema<typeof consoleAdmin.fleetSite>;
export type FleetTerminal = FleetSite['terminals'][number];
export type ReferenceSummary = FromSchema<typeof consoleAdmin.referenceSummarySchema>;
export type ReferenceRevision = FromSchema<typeof consoleAdmin.referenceRevisionSchema>;
export type ReferenceImportResult = FromSchema<typeof consoleAdmin.importResultSchema>;
export type AuditPage = FromSchema<typeof consoleAdmin.auditPageSchema>;
export type AuditEntry = AuditPage['entries'][number];
/** The console's deployments page (routes/deploy-schemas.ts). */
import type { deployment, figures, matrix, plan, rollout, rolloutCheck, userRights } from './routes/deploy-schemas.js';
export type DeploymentMatrix = FromSchema<typeof matrix>;
export type DeployPlan = FromSchema<typeof plan>;
export type DeploymentRow = FromSchema<typeof deployment>;
export type Rollout = FromSchema<typeof rollout>;
export type RolloutFigures = FromSchema<typeof figures>;
export type RolloutCheck = FromSchema<typeof rolloutCheck>;
export type UserDeployRights = FromSchema<typeof userRights>;
/** GET /api/dashboard/summary and /api/dashboard/nodes. */
export type DashboardSummary = FromSchema<typeof dashboardSummarySchema>;
export type DashboardNodes = FromSchema<typeof dashboardNodesSchema>;
export type NodeFigures = DashboardNodes['nodes'][number];
export type BucketFigures = DashboardSummary['buckets'][number];
