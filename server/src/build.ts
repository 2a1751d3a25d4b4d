import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import app, { type AppPluginOptions } from './app.js';
import type { Db } from './db/db.js';
import { openDb } from './db/open.js';
import { errorReply } from './errors.js';
import { checkRetentionMonths, retentionJob, sessionPurgeJob } from './retention.js';
import type { TokenPolicy } from './repositories/terminals.js';
import type { AuthRouteOptions } from './routes/auth.js';
import type { SimulationLimits } from './simulations/sessions.js';
import { nightlyScheduler, parseNightlyAt, systemClock, type NightlyScheduler, type SchedulerClock } from './scenarios/nightly.js';
import type { ReplayLimits } from './replays/jobs.js';

export interface BuildOptions {
  /** Real PostgreSQL; embedded PGlite when absent. */
  databaseUrl?: string;
  /** PGlite directory (default `./.data`); `memory` for a throw-away in-memory database. */
  dataDir?: string;
  /** PGlite only: start from this data-directory dump (tests clone one migrated database). */
  pgliteTemplate?: Blob;
  /** An already open, migrated database (tests, benchmarks); the app does not close it. */
  db?: Db;
  /** Password of the `admin` user created on first start; random (and reported) when absent. */
  adminPassword?: string;
  designerDist?: string;
  /**
   * Fastify's request log (method, URL, status, time; never headers or bodies, so no password
   * or secret setting reaches it). An object sets pino's `level` and `stream` (tests read it).
   */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** The built terminal web app (default android-shell/dist/web/ of this repository). */
  terminalDist?: string;
  /** Pairing: attempts per IP and window, and the server address QR codes point at (VOICEMAN_PUBLIC_URL). */
  pairing?: AppPluginOptions['pairing'];
  shellReleaseMaxBytes?: number;
  /** Origins whose pages may call the terminal API (default https://appassets.androidplatform.net). */
  terminalOrigins?: readonly string[];
  /** Body limit of every route except event ingest (1 MiB). Default 4 MiB (graphs can be large). */
  bodyLimit?: number;
  /** Drop dialog-event partitions older than `months`, checked every `intervalMs`. Off when absent. */
  retention?: { months: number; intervalMs: number };
  rulesCacheMs?: number;
  /** Expired browser sessions are deleted every this many ms (default 1 h). */
  sessionPurgeMs?: number;
  /** Fastify's trustProxy: honour X-Forwarded-For/-Proto (client IP for the login limit, HTTPS for the Secure cookie) from these proxies. */
  trustProxy?: boolean | string;
  tokenPolicy?: TokenPolicy;
  login?: AuthRouteOptions;
  /** Server-side simulations: idle expiry (default 30 min) and open sessions per user (default 20). */
  simulations?: SimulationLimits;
  /**
   * The nightly scenario job: `at` is `HH:MM` UTC (VOICEMAN_NIGHTLY_AT) or `off`; off when absent.
   * `clock` drives it in tests; `instance` names this server in the claimed slots.
   */
  nightly?: { at: string; clock?: SchedulerClock; instance?: string };
  /** Replay jobs per user (default 2 running, 20 kept) and how long an ended one is kept (1 h). */
  replays?: ReplayLimits;
  /** Time budget of one scenario in a server-side run (default 30 s). */
  scenarioTimeoutMs?: number;
  /** Staged rollouts' threshold checks: interval (default 60 s) and clock. */
  rolloutWatch?: AppPluginOptions['rolloutWatch'];
}

export interface VoicemanApp extends FastifyInstance {
  /** Set on first start when the admin password was generated: print it once. */
  initialAdminPassword?: string;
  /** The nightly scenario scheduler, when it is on. */
  nightly?: NightlyScheduler;
}

/** 200 characters of 3-byte UTF-8, percent-encoded, with room to spare. */
const MAX_PARAM_URL_LENGTH = 2000;

const defaultDesignerDist = fileURLToPath(new URL('../../designer/dist/', import.meta.url));
const defaultTerminalDist = fileURLToPath(new URL('../../android-shell/dist/web/', import.meta.url));

/** Opens (and migrates) the database, creates the first admin, and builds the Fastify app. */
export async function buildApp(options: BuildOptions = {}): Promise<VoicemanApp> {
  // A bad VOICEMAN_NIGHTLY_AT stops the start before anything is opened.
  const nightlyAt = options.nightly ? parseNightlyAt(options.nightly.at) : null;
  // Before the database opens: a bad retention would otherwise drop (or keep) events by accident.
  if (options.retention) checkRetentionMonths(options.retention.months);
  const ownsDb = !options.db;
  const db = options.db ?? (await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, pgliteTemplate: options.pgliteTemplate }));
  const fastify: VoicemanApp = Fastify({
    logger: typeof options.logger === 'object' ? { level: 'info', ...options.logger } : (options.logger ?? false),
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    // Long enough for any id the API accepts (200 characters, percent-encoded); the route's schema is the limit.
    routerOptions: { maxParamLength: MAX_PARAM_URL_LENGTH },
    trustProxy: options.trustProxy ?? false,
    frameworkErrors: (err, _req, reply) => {
      const r = errorReply(err);
      void (reply as FastifyReply).code(r.statusCode).send(r.body);
    },
  });
  let retention: ReturnType<typeof retentionJob> | undefined;
  let sessionPurge: ReturnType<typeof sessionPurgeJob> | undefined;
  fastify.addHook('onClose', async () => {
    fastify.nightly?.stop();
    retention?.stop();
    sessionPurge?.stop();
    if (ownsDb) await db.close();
  });
  try {
    const publicUrl = options.pairing?.publicUrl ?? process.env.VOICEMAN_PUBLIC_URL;
    await fastify.register(app, {
      db,
      designerDist: options.designerDist ?? defaultDesignerDist,
      terminalDist: options.terminalDist ?? defaultTerminalDist,
      pairing: { ...options.pairing, ...(publicUrl ? { publicUrl } : {}) },
      shellReleaseMaxBytes: options.shellReleaseMaxBytes,
      terminalOrigins: options.terminalOrigins,
      rulesCacheMs: options.rulesCacheMs,
      retentionMonths: options.retention?.months,
      tokenPolicy: options.tokenPolicy,
      login: options.login,
      simulations: options.simulations,
      replays: options.replays,
      scenarioTimeoutMs: options.scenarioTimeoutMs,
      rolloutWatch: options.rolloutWatch,
    });
    await fastify.ready();
    const users = fastify.repos.users;
    if ((await users.count()) === 0) {
      const password = options.adminPassword ?? process.env.VOICEMAN_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
      const generated = !options.adminPassword && !process.env.VOICEMAN_ADMIN_PASSWORD;
      // A generated password was printed to a console: it is good for one login, then replaced.
      const admin = await users.create('admin', password, 'admin', generated);
      // The first admin may deploy everywhere (migration 014 did the same for existing admins).
      await fastify.repos.deployRights.grantAll(admin.id, 'first start');
      if (generated) fastify.initialAdminPassword = password;
    }
    sessionPurge = sessionPurgeJob(users, options.sessionPurgeMs ?? 3600_000, fastify.log);
    if (nightlyAt) {
      fastify.nightly = nightlyScheduler({
        at: nightlyAt, clock: options.nightly?.clock ?? systemClock, runs: fastify.repos.scenarioRuns,
        start: () => fastify.scenarioRunner.nightly(null), log: fastify.log, instance: options.nightly?.instance,
      });
    }
    if (options.retention) {
      retention = retentionJob(fastify.repos.events, options.retention.months, options.retention.intervalMs, fastify.log);
    }
  } catch (err) {
    await fastify.close().catch(() => {});
    if (ownsDb) await db.close().catch(() => {});
    throw err;
  }
  return fastify;
}
