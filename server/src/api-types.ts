/**
 * The shapes the browser API sends, shared with the designer (`@voiceman/server/api-types`, a
 * types-only entry: it imports only the routes' JSON Schemas (the `*schemas.ts` files, plain
 * data) and json-schema-to-ts, so the designer's type-check never sees fastify). Each shape is
 * derived from the schema its route answers with: the schema is written once. Nothing here is
 * hand-written but the type parameters for what the server passes through as stored JSON
 * (`{}` in the schema): `G` the flow graph (the designer reads a FlowGraph), and the simulator's
 * types in scenarios and replays (see there).
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { processDraftSchema, processSummarySchema, scenarioGate, versionSummarySchema } from './schemas.js';
import type * as scenarios from './scenarios/schemas.js';
import type * as replays from './replays/schemas.js';
import type * as settings from './settings/schemas.js';
import type * as consoleAdmin from './console-admin-schemas.js';
import type { importPlanSchema, installationSchema, trustedKeySchema } from './packages/schemas.js';
import type { dashboardNodesSchema, dashboardSummarySchema } from './dashboard-schemas.js';
import type { deployment, figures, matrix, plan, rollout, rolloutCheck, userRights } from './routes/deploy-schemas.js';

/** `GET /api/packages/installation`. */
export type PackageInstallation = FromSchema<typeof installationSchema>;
/** `GET /api/packages/trusted-keys` items. */
export type TrustedKey = FromSchema<typeof trustedKeySchema>;
/** What `POST /api/packages/dry-run` and `/import` answer. */
export type ImportPlan = FromSchema<typeof importPlanSchema>;

export type ProcessSummary = FromSchema<typeof processSummarySchema>;

export type ProcessDraft<G = unknown> = Omit<FromSchema<typeof processDraftSchema>, 'graph'> & { graph: G };

export type VersionSummary = FromSchema<typeof versionSummarySchema>;

/** `GET /api/environments/:environment/settings` items (routes/settings.ts). */
export type SettingSummary = FromSchema<typeof settings.setting>;
/** A setting's value as a browser sees it: a secret only as set or not. */
export type ShownSettingValue = SettingSummary['value'];
/** `GET /api/sites/:siteId/settings`: a site's own values. */
export type SiteSettings = FromSchema<typeof settings.siteSettings>;
/** `GET /api/settings/revisions` items. */
export type SettingRevision = FromSchema<typeof settings.revision>;
/** `GET /api/sites/:siteId/effective-settings` and `/api/environments/:environment/effective-settings`. */
export type EffectiveSettings = FromSchema<typeof settings.effective>;
/** What a terminal gets for each deployed process besides its machine (`GET /api/terminal/v1/machines`): DialogOptions' `input`, `settings`, `secrets`. */
export type DeliveredSettings = FromSchema<{
  type: 'object'; required: ['input', 'settings', 'secrets']; properties: typeof settings.deliveredSettings; additionalProperties: false;
}>;

export type ScenarioGate = FromSchema<typeof scenarioGate>;
/** A run's target: the process's draft (compiled at the start of the run) or a version number. */
export type ScenarioTarget = FromSchema<typeof scenarios.targetSchema>;

/** `GET /api/processes` rows: the newest finished run (draft first). */
export type LastScenarioRun = NonNullable<ProcessSummary['lastScenarioRun']>;

/*
 * The scenario routes (scenarios/schemas.ts). The scenario, its difference and the run's coverage
 * are the simulator's types, which the server passes through as stored: the designer fills them in
 * (`S` = Scenario, `D` = ScenarioDifference, `C` = ProcessCoverage), the server leaves them unknown.
 */
type StoredScenarioShape = FromSchema<typeof scenarios.storedScenario>;
type ScenarioResultShape = FromSchema<typeof scenarios.scenarioResult>;
type RunReportShape = FromSchema<typeof scenarios.runReport>;

/** A scenario's result in the newest finished run that ran it. */
export type LastScenarioResult<D = unknown> = Omit<NonNullable<StoredScenarioShape['lastResult']>, 'difference'> & { difference?: D };
/** `GET /api/processes/:key/scenarios` items. */
export type StoredScenario<S = unknown, D = unknown> = Omit<StoredScenarioShape, 'scenario' | 'lastResult'> & { scenario: S; lastResult: LastScenarioResult<D> | null };
/** One scenario's result in a run (`view`: a failed scenario's SimView, only in `GET /api/scenario-runs/:id`). */
export type ScenarioResult<D = unknown> = Omit<ScenarioResultShape, 'difference'> & { difference?: D };
/** `GET /api/scenario-runs/:id`. */
export type ScenarioRunReport<D = unknown, C = unknown> = Omit<RunReportShape, 'results' | 'coverage'> & { results: ScenarioResult<D>[]; coverage: C | null };

/** Added to the 201 of `POST /api/processes/:key/versions` when the gate is not `off` (`runId` null when nothing ran). */
export type PublishScenarios = FromSchema<typeof scenarios.publishScenarios>;

/*
 * The replay routes (replays/schemas.ts). A step is described in full there; `S` lets the designer
 * read steps as the simulator's ReplayStep (the same shape, with its JsonValue bodies).
 */
/** `POST /api/replays`. */
export type ReplayRequest = FromSchema<typeof replays.createReplayBody, { keepDefaultedPropertiesOptional: true }>;
/** `GET /api/replays/:id`. */
export type ReplayReport = FromSchema<typeof replays.replayReport>;
export type ReplaySessionRow = ReplayReport['sessions'][number];
export type ReplayStepShape = FromSchema<typeof replays.replayStep>;
/** `GET /api/replays/:id/sessions/:sessionId`: one session side by side. */
export type ReplayComparison<S = ReplayStepShape> = Omit<FromSchema<typeof replays.replayComparison>, 'original' | 'replayed'> & { original: S[]; replayed: S[] };
/** `GET /api/sessions/:sessionId/steps`: a logged session's path, step by step. */
export type LoggedSessionSteps<S = ReplayStepShape> = Omit<FromSchema<typeof replays.loggedSessionSteps>, 'steps'> & { steps: S[] };

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
