import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Db } from './db/db.js';
import { loadCompiler, type CompileFlow } from './compile.js';
import { HttpError } from './errors.js';
import access, { browserScope, TerminalTokenCache, terminalScope } from './plugins/auth.js';
import { designerPlugin } from './plugins/designer.js';
import { terminalAppPlugin } from './plugins/terminal-app.js';
import { ANDROID_WEBVIEW_ORIGIN, terminalCors } from './plugins/terminal-cors.js';
import pairingRoutes, { type PairingOptions } from './routes/pairing.js';
import { shellReleaseAdminRoutes, shellReleaseTerminalRoutes } from './routes/shell-releases.js';
import { operatorAdminRoutes, operatorTerminalRoutes } from './routes/operators.js';
import { environmentsRepository } from './repositories/environments.js';
import { eventsRepository } from './repositories/events.js';
import { processesRepository } from './repositories/processes.js';
import { referenceRepository } from './repositories/reference.js';
import { terminalsRepository } from './repositories/terminals.js';
import { pairingRepository } from './repositories/pairing.js';
import { shellReleasesRepository } from './repositories/shell-releases.js';
import { operatorSettingsRepository } from './repositories/operator-settings.js';
import { usersRepository } from './repositories/users.js';
import { versionsRepository } from './repositories/versions.js';
import { rulesCache, type RulesCache } from './rules-cache.js';
import adminRoutes from './routes/admin.js';
import authRoutes from './routes/auth.js';
import environmentRoutes from './routes/environments.js';
import healthRoutes from './routes/health.js';
import historyRoutes from './routes/history.js';
import processRoutes from './routes/processes.js';
import referenceRoutes from './routes/reference.js';
import terminalRoutes from './routes/terminal.js';

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
    pairing: pairingRepository(db, terminals),
    shellReleases: shellReleasesRepository(db),
    operatorSettings: operatorSettingsRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
    rulesCache: RulesCache;
    terminalTokens: TerminalTokenCache;
    compiler: () => Promise<CompileFlow>;
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
}

/** The application: infrastructure plugins → repositories → routes (the fastify/demo layout). */
async function app(fastify: FastifyInstance, opts: AppPluginOptions) {
  fastify.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send({ code: err.code, message: err.message, ...err.details });
    }
    if (err.validation) {
      return reply.code(400).send({ code: 'invalid_request', message: `${err.validationContext ?? 'request'}${err.message.replace(/^(body|querystring|params|headers)/, '')}` });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ code: 'body_too_large', message: 'the request body is larger than this route accepts' });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ code: 'unsupported_media_type', message: 'send application/json' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: 'bad_request', message: err.message });
    }
    req.log.error(err);
    return reply.code(500).send({ code: 'internal_error', message: 'something went wrong on the server' });
  });

  await fastify.register(swagger, {
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
  fastify.decorate('rulesCache', rulesCache(repos.environments, opts.rulesCacheMs));
  fastify.decorate('terminalTokens', new TerminalTokenCache());
  let compiler: Promise<CompileFlow> | undefined;
  fastify.decorate('compiler', () => {
    compiler ??= loadCompiler().catch((err) => {
      compiler = undefined;
      throw err;
    });
    return compiler;
  });

  await fastify.register(access);
  await terminalCors(fastify, { origins: opts.terminalOrigins ?? [ANDROID_WEBVIEW_ORIGIN] });
  // Two encapsulated scopes, each resolving its own kind of caller: browser routes get the
  // cookie parsing and session lookup, terminal routes (polled, hot) only the bearer token.
  await fastify.register(async (browser) => {
    await browser.register(browserScope, { users: repos.users });
    await browser.register(healthRoutes);
    await browser.register(authRoutes);
    await browser.register(processRoutes);
    await browser.register(environmentRoutes);
    await browser.register(referenceRoutes);
    await browser.register(adminRoutes);
    await browser.register(historyRoutes);
    await browser.register(pairingRoutes, opts.pairing ?? {});
    await browser.register(shellReleaseAdminRoutes, { maxBytes: opts.shellReleaseMaxBytes });
    await browser.register(operatorAdminRoutes);
  });
  await fastify.register(async (terminal) => {
    await terminal.register(terminalScope, { terminals: repos.terminals, tokenCache: fastify.terminalTokens });
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
