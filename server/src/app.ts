import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Db } from './db/db.js';
import { compileFlow } from '@voiceman/compiler';
import type { CompileFlow } from './compile.js';
import { createCompilePool, type CompilePool } from './compile-pool.js';
import { errorReply, HttpError } from './errors.js';
import { describeResponses } from './openapi.js';
import access, { browserScope, TerminalTokenCache, terminalScope } from './plugins/auth.js';
import { designerPlugin } from './plugins/designer.js';
import inputGuard from './plugins/input-guard.js';
import security from './plugins/security.js';
import { terminalAppPlugin } from './plugins/terminal-app.js';
import { ANDROID_WEBVIEW_ORIGIN, terminalCors } from './plugins/terminal-cors.js';
import pairingRoutes, { type PairingOptions } from './routes/pairing.js';
import { shellReleaseAdminRoutes, shellReleaseTerminalRoutes } from './routes/shell-releases.js';
import { operatorAdminRoutes, operatorTerminalRoutes } from './routes/operators.js';
import { environmentsRepository } from './repositories/environments.js';
import { dashboardRepository } from './repositories/dashboard.js';
import { eventsRepository } from './repositories/events.js';
import { processesRepository } from './repositories/processes.js';
import { referenceRepository } from './repositories/reference.js';
import { settingsRepository } from './repositories/settings.js';
import { DEFAULT_TOKEN_POLICY, terminalsRepository, type TokenPolicy } from './repositories/terminals.js';
import { pairingRepository } from './repositories/pairing.js';
import { shellReleasesRepository } from './repositories/shell-releases.js';
import { operatorSettingsRepository } from './repositories/operator-settings.js';
import { usersRepository } from './repositories/users.js';
import { userAdminRepository } from './repositories/user-admin.js';
import { fleetRepository } from './repositories/fleet.js';
import { referenceHistoryRepository } from './repositories/reference-history.js';
import { versionsRepository } from './repositories/versions.js';
import { wmsBasesRepository } from './repositories/wms-bases.js';
import { rolloutsRepository } from './repositories/rollouts.js';
import { deployRightsRepository } from './repositories/deploy-rights.js';
import { deployMatrixRepository } from './repositories/deploy-matrix.js';
import { deployService, type DeployService } from './deploy/service.js';
import { rolloutWatch, type RolloutWatch } from './deploy/rollout-watch.js';
import { systemClock, type SchedulerClock } from './scenarios/nightly.js';
import deploymentRoutes from './routes/deployments.js';
import rolloutRoutes from './routes/rollouts.js';
import deployRightsRoutes from './routes/deploy-rights.js';
import { auditRepository } from './audit/audit-repository.js';
import auditPlugin from './audit/record.js';
import { packageKeysRepository } from './packages/keys-repository.js';
import packageRoutes from './routes/packages.js';
import { rulesCache, type RulesCache } from './rules-cache.js';
import { deployedVersions, type DeployedVersions } from './deployed-versions.js';
import adminRoutes from './routes/admin.js';
import authRoutes, { type AuthRouteOptions } from './routes/auth.js';
import dashboardRoutes from './routes/dashboard.js';
import environmentRoutes from './routes/environments.js';
import healthRoutes from './routes/health.js';
import historyRoutes from './routes/history.js';
import processRoutes from './routes/processes.js';
import referenceRoutes from './routes/reference.js';
import referenceAdminRoutes from './routes/reference-admin.js';
import userAdminRoutes from './routes/user-admin.js';
import fleetRoutes from './routes/fleet.js';
import auditRoutes from './routes/audit.js';
import settingsRoutes from './routes/settings.js';
import { settingsService, type SettingsService } from './settings/service.js';
import terminalRoutes from './routes/terminal.js';
import simulationRoutes from './routes/simulations.js';
import scenarioRoutes from './routes/scenarios.js';
import { scenariosRepository } from './scenarios/scenarios-repository.js';
import { runsRepository } from './scenarios/runs-repository.js';
import { scenarioRunner, type ScenarioRunner } from './scenarios/runner.js';
import replayRoutes from './routes/replays.js';
import type { ReplayLimits } from './replays/jobs.js';
import { createScenarioPool } from './scenarios/run-pool.js';
import type { SimulationLimits } from './simulations/sessions.js';

export function repositories(db: Db) {
  const terminals = terminalsRepository(db);
  return {
    users: usersRepository(db),
    processes: processesRepository(db),
    versions: versionsRepository(db),
    environments: environmentsRepository(db),
    reference: referenceRepository(db),
    terminals,
    events: eventsRepository(db),
    settings: settingsRepository(db),
    pairing: pairingRepository(db, terminals),
    shellReleases: shellReleasesRepository(db),
    operatorSettings: operatorSettingsRepository(db),
    wmsBases: wmsBasesRepository(db),
    scenarios: scenariosRepository(db),
    scenarioRuns: runsRepository(db),
    userAdmin: userAdminRepository(db),
    fleet: fleetRepository(db),
    referenceHistory: referenceHistoryRepository(db),
    rollouts: rolloutsRepository(db),
    deployRights: deployRightsRepository(db),
    deployMatrix: deployMatrixRepository(db),
    audit: auditRepository(db),
    packageKeys: packageKeysRepository(db),
    dashboard: dashboardRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
    rulesCache: RulesCache;
    settings: SettingsService;
    terminalTokens: TerminalTokenCache;
    deployedVersions: DeployedVersions;
    tokenPolicy: TokenPolicy;
    compiler: () => CompileFlow;
    /** Worker threads for validate, publish and scenario runs: compiles never run on the event loop. */
    compilePool: CompilePool;
    scenarioRunner: ScenarioRunner;
    /** Deploy, rollback, undeploy and staged rollouts behind the per-environment deploy rights. */
    deploy: DeployService;
    /** Rolls staged rollouts back when their group crosses a threshold (timer and on demand). */
    rolloutWatch: RolloutWatch;
    /** Every route registered after the app's plugins (method and URL, HEAD included): what the app serves. */
    routeList: readonly { method: string; url: string; hidden: boolean }[];
  }
}

export interface AppPluginOptions {
  db: Db;
  designerDist: string;
  /** The built terminal web app served at /terminal/. */
  terminalDist: string;
  /** Pair rate limit and the public URL pairing QR codes point at. */
  pairing?: PairingOptions;
  /** Origins whose pages may call the terminal API (CORS); default the Android WebView's. */
  terminalOrigins?: readonly string[];
  /** Largest shell release upload in bytes. */
  shellReleaseMaxBytes?: number;
  /** Seconds a terminal's rules stay cached when another instance may deploy. */
  rulesCacheMs?: number;
  /** Events older than this many months are refused at ingest (`expired`), as the retention would drop them. */
  retentionMonths?: number;
  /** Terminal token lifetime and rotation grace (default 365 days, 15 minutes). */
  tokenPolicy?: TokenPolicy;
  /** Login rate limit per IP and the per-username lockout. */
  login?: AuthRouteOptions;
  /** Idle expiry and per-user limit of server-side simulations. */
  simulations?: SimulationLimits;
  /** Replay jobs: running at once and kept per user, how long an ended one is kept. */
  replays?: ReplayLimits;
  /** Time budget of one scenario in a server-side run (default 30 s). */
  scenarioTimeoutMs?: number;
  /** How often rollout thresholds are checked (default every minute) and on which clock (tests drive a fake one). */
  rolloutWatch?: { intervalMs?: number; clock?: SchedulerClock };
}

/** The application: infrastructure plugins → repositories → routes (the fastify/demo layout). */
async function app(fastify: FastifyInstance, opts: AppPluginOptions) {
  fastify.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    const r = errorReply(err);
    if (r.unexpected) req.log.error(err);
    return reply.code(r.statusCode).send(r.body);
  });

  const routeList: { method: string; url: string; hidden: boolean }[] = [];
  fastify.decorate('routeList', routeList);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url, hidden: route.schema?.hide === true });
  });

  await fastify.register(swagger, {
    transform: describeResponses as never,
    openapi: {
      info: { title: 'Voiceman server', version: '0.1.0', description: 'Drafts, versions, environments, terminal API, dialog history.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vm_session' },
          terminal: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await fastify.register(swaggerUi, { routePrefix: '/docs' });

  fastify.decorate('db', opts.db);
  const repos = repositories(opts.db);
  fastify.decorate('repos', repos);
  await fastify.register(auditPlugin, { repo: repos.audit });
  const settings = settingsService(repos.settings, repos.environments);
  fastify.decorate('settings', settings);
  fastify.decorate('rulesCache', rulesCache(repos.environments, opts.rulesCacheMs, settings.forSite, repos.rollouts.groups));
  const deploy = deployService(opts.db, repos, settings, fastify.rulesCache);
  fastify.decorate('deploy', deploy);
  const watch = rolloutWatch({
    clock: opts.rolloutWatch?.clock ?? systemClock, intervalMs: opts.rolloutWatch?.intervalMs ?? 60_000,
    rollouts: repos.rollouts, service: deploy, log: fastify.log,
    onAutomaticRollback: (r, reason) => fastify.audit.system({
      action: 'rollout.rollback', target: `${r.processKey}@${r.versionNumber} → ${r.siteId} (rollout ${r.id})`,
      before: { state: 'active' }, after: { state: 'rolled_back', reason },
    }),
  });
  fastify.decorate('rolloutWatch', watch);
  // preClose: no check starts while the database closes.
  fastify.addHook('preClose', async () => watch.stop());
  fastify.decorate('terminalTokens', new TerminalTokenCache());
  fastify.decorate('deployedVersions', deployedVersions(repos.environments));
  fastify.decorate('tokenPolicy', opts.tokenPolicy ?? DEFAULT_TOKEN_POLICY);
  // The compiler is a static import: nothing to load or retry. A function (not the value) so that
  // callers written as `await app.compiler()` keep working.
  fastify.decorate('compiler', (): CompileFlow => compileFlow);

  // One pool for every route that compiles a draft (compile-pool.ts).
  const compilePool = createCompilePool();
  fastify.decorate('compilePool', compilePool);
  fastify.addHook('onClose', () => compilePool.close());
  const scenarioPool = createScenarioPool({ timeoutMs: opts.scenarioTimeoutMs });
  fastify.addHook('onClose', () => scenarioPool.close());
  const runner = scenarioRunner(repos, compilePool, scenarioPool, fastify.log);
  fastify.decorate('scenarioRunner', runner);
  // preClose: before the database is closed, the runs in flight record where they stopped.
  fastify.addHook('preClose', () => runner.stop());

  await fastify.register(security);
  await fastify.register(access);
  await terminalCors(fastify, { origins: opts.terminalOrigins ?? [ANDROID_WEBVIEW_ORIGIN] });
  await fastify.register(inputGuard);
  // Two encapsulated scopes, each resolving its own kind of caller: browser routes get the
  // cookie parsing and session lookup, terminal routes (polled, hot) only the bearer token.
  await fastify.register(async (browser) => {
    await browser.register(browserScope, { users: repos.users });
    await browser.register(healthRoutes);
    await browser.register(authRoutes, opts.login ?? {});
    await browser.register(processRoutes);
    await browser.register(environmentRoutes);
    await browser.register(deploymentRoutes);
    await browser.register(rolloutRoutes);
    await browser.register(deployRightsRoutes);
    await browser.register(referenceRoutes);
    await browser.register(settingsRoutes);
    await browser.register(adminRoutes);
    await browser.register(historyRoutes);
    await browser.register(dashboardRoutes);
    await browser.register(pairingRoutes, opts.pairing ?? {});
    await browser.register(shellReleaseAdminRoutes, { maxBytes: opts.shellReleaseMaxBytes });
    await browser.register(operatorAdminRoutes);
    await browser.register(simulationRoutes, { limits: opts.simulations });
    await browser.register(scenarioRoutes);
    await browser.register(replayRoutes, { limits: opts.replays });
    // The admin console (issue 14): users, the terminal fleet, reference tables, the audit log.
    await browser.register(userAdminRoutes);
    await browser.register(fleetRoutes);
    await browser.register(referenceAdminRoutes);
    await browser.register(auditRoutes);
    await browser.register(packageRoutes);
  });
  await fastify.register(async (terminal) => {
    await terminal.register(terminalScope, { terminals: repos.terminals, tokenCache: fastify.terminalTokens, tokenLifetimeDays: fastify.tokenPolicy.lifetimeDays });
    await terminal.register(terminalRoutes, { retentionMonths: opts.retentionMonths });
    await terminal.register(shellReleaseTerminalRoutes);
    await terminal.register(operatorTerminalRoutes);
  });
  await fastify.register(terminalAppPlugin, { dist: opts.terminalDist, prefix: '/terminal' });
  // Same context as the app, so its not-found handler is the one for every path.
  await designerPlugin(fastify, { dist: opts.designerDist });
}

/** Not encapsulated: buildApp (and tests) reach `db`, `repos` and `rulesCache` on the root instance. */
export default fp(app, { name: 'voiceman' });
