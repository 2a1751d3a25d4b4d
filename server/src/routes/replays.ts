/**
 * Replays of logged sessions (testers, admins): pick sessions of a process from the dialog log
 * (filters like the history pages), replay each on the draft or a version, read the verdicts
 * while it runs, and one session side by side. The engine is the simulator's (`replaySession`).
 */
import type { FastifyInstance } from 'fastify';
import { stepsOf } from '@voiceman/simulator';
import type { Repositories } from '../app.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { REPLAY_OUTCOMES, replaysRepository, type ReplayFilter, type ReplayOutcomeFilter } from '../repositories/replays.js';
import { MAX_SESSION_ID } from '../repositories/validate-event.js';
import { ReplayJobs, type ReplayJob, type ReplayLimits, type ReplayTarget } from '../replays/jobs.js';
import { redactStored } from '../settings/history.js';
import { resolveDialogSettings } from '../settings/resolve.js';
import { anyJson, errors, positiveInt, processKey, siteId } from '../schemas.js';
import { MachineCache, machineFor } from '../simulations/machines.js';
import { parseUtc } from '../history/pages.js';

export const MAX_REPLAY_SESSIONS = 5000;
const DEFAULT_LIMIT = 500;

interface CreateBody {
  filter: { processKey: string; siteId?: string; version?: number; from?: string; to?: string; outcome?: ReplayOutcomeFilter; limit?: number };
  target: ReplayTarget;
}

const target = { oneOf: [{ const: 'draft' }, positiveInt], description: "'draft' or a version number" } as const;
const verdict = { type: 'string', enum: ['same', 'diverged', 'inconclusive'] } as const;
const dateTime = { type: 'string', maxLength: 40, description: 'ISO date or date-time, UTC when it names no zone' } as const;

const sessionVerdict = {
  type: 'object',
  properties: {
    sessionId: { type: 'string' }, siteId: { type: 'string' }, version: { type: ['integer', 'null'] }, versionHash: { type: 'string' }, startedAt: { type: 'string' },
    endOutcome: { type: ['string', 'null'], description: "how the logged dialog ended, as its process names it (the end node's outcome)" },
    verdict, step: { type: 'integer' }, reason: { type: 'string' }, expected: { type: 'string' }, actual: { type: 'string' },
  },
} as const;

const report = {
  type: 'object',
  properties: {
    id: { type: 'string' }, processKey: { type: 'string' }, target, versionHash: { type: 'string' },
    status: { type: 'string', enum: ['running', 'done', 'failed'] }, error: { type: 'string' },
    filter: anyJson, total: { type: 'integer' }, done: { type: 'integer' },
    totals: { type: 'object', properties: { same: { type: 'integer' }, diverged: { type: 'integer' }, inconclusive: { type: 'integer' } } },
    sessions: { type: 'array', items: sessionVerdict },
    startedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] },
  },
} as const;

const step = {
  type: 'object',
  description: 'What the dialog did after the operator\'s n-th input (0: from the start): prompts, states entered (`path`), WMS calls (`requests`), where it waits (`state`), its end.',
  properties: {
    step: { type: 'integer' }, input: anyJson, prompts: { type: 'array', items: { type: 'string' } }, path: { type: 'array', items: { type: 'string' } },
    state: { type: ['string', 'null'] }, requests: { type: 'array', items: anyJson }, end: anyJson,
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** The job as answered (without its owner). */
const shown = ({ userId: _owner, ...job }: ReplayJob) => job;

function toFilter(f: CreateBody['filter']): ReplayFilter {
  const from = parseUtc('filter.from', f.from);
  const to = parseUtc('filter.to', f.to);
  if (from && to && from >= to) throw new HttpError(400, 'invalid_request', 'filter.from must be before filter.to');
  return {
    processKey: f.processKey, limit: f.limit ?? DEFAULT_LIMIT,
    ...(f.siteId ? { siteId: f.siteId } : {}), ...(f.version !== undefined ? { version: f.version } : {}),
    ...(from ? { from } : {}), ...(to ? { to } : {}), ...(f.outcome ? { outcome: f.outcome } : {}),
  };
}

/** What a session at `siteId` gets as a dialog there would on `target`: its site's settings, or the flow's defaults. */
async function siteOptions(repos: Repositories, key: string, version: ReplayTarget, siteId: string) {
  try {
    const delivered = (await resolveDialogSettings(repos, { siteId, processKey: key, version })).process?.delivered;
    return delivered ? { input: delivered.input, settings: delivered.settings, secrets: delivered.secrets } : {};
  } catch (error) {
    // A site removed since: the session still replays, on the flow's own defaults.
    if (error instanceof HttpError && error.statusCode === 404) return {};
    throw error;
  }
}

export default async function replayRoutes(app: FastifyInstance, opts: { limits?: ReplayLimits }) {
  const jobs = new ReplayJobs(opts.limits);
  const machines = new MachineCache();
  const repo = replaysRepository(app.db);
  app.addHook('onClose', async () => jobs.close());

  app.post<{ Body: CreateBody }>('/api/replays', {
    config: { access: 'tester' },
    schema: {
      tags: ['replays'],
      description: `Replays logged sessions of a process (newest first, at most ${MAX_REPLAY_SESSIONS}) on its draft or a version. 202 with the job id; poll GET /api/replays/{id}. A draft that does not compile is a 422 draft_invalid; more than the running replays a user may have is a 429 too_many_replays.`,
      body: {
        type: 'object', required: ['filter', 'target'], additionalProperties: false,
        properties: {
          filter: {
            type: 'object', required: ['processKey'], additionalProperties: false,
            properties: {
              processKey, siteId, version: positiveInt, from: dateTime, to: dateTime,
              outcome: { type: 'string', enum: [...REPLAY_OUTCOMES], description: 'done: completed; error; open: still running or paused' },
              limit: { type: 'integer', minimum: 1, maximum: MAX_REPLAY_SESSIONS, default: DEFAULT_LIMIT },
            },
          },
          target,
        },
      },
      response: { 202: { type: 'object', properties: { id: { type: 'string' } } }, ...errors },
    },
  }, async (req, reply) => {
    const user = currentUser(req);
    const filter = toFilter(req.body.filter);
    const key = filter.processKey;
    const { machine, versionHash } = await machineFor(app.repos, app.compiler, machines, key, req.body.target);
    const job = jobs.start(user.id, filter, req.body.target, {
      repo, machine, versionHash,
      siteOptions: (site) => siteOptions(app.repos, key, req.body.target, site),
      // Events stored before a secret was set were not redacted at ingest: hide today's secrets too.
      redact: (site, events) => redactStored(app.repos.settings, site, events),
    });
    return reply.code(202).send({ id: job.id });
  });

  app.get<{ Params: { id: string } }>('/api/replays/:id', {
    config: { access: 'tester' },
    schema: { tags: ['replays'], description: 'The job: progress, totals and each replayed session\'s verdict (poll while `running`).', params: idParams, response: { 200: report, ...errors } },
  }, async (req) => {
    const user = currentUser(req);
    return shown(jobs.get(req.params.id, user.id, user.role === 'admin'));
  });

  app.get<{ Params: { sessionId: string } }>('/api/sessions/:sessionId/steps', {
    config: { access: 'user' },
    schema: {
      tags: ['replays'],
      description: "A logged session cut into steps at each operator input (the path it took, for the canvas): what the history page shows, as the replay reads it.",
      params: { type: 'object', required: ['sessionId'], properties: { sessionId: { type: 'string', minLength: 1, maxLength: MAX_SESSION_ID } } },
      response: {
        200: {
          type: 'object',
          properties: {
            sessionId: { type: 'string' }, processKey: { type: 'string' }, siteId: { type: 'string' }, versionHash: { type: 'string' },
            version: { type: ['integer', 'null'] }, startedAt: { type: 'string' }, outcome: { type: 'string' },
            endOutcome: { type: ['string', 'null'], description: "how the dialog ended, as its process names it (the end node's outcome); null when unnamed or not ended" },
            steps: { type: 'array', items: step },
          },
        },
        ...errors,
      },
    },
  }, async (req) => {
    const found = await app.repos.events.session(req.params.sessionId);
    if (!found) throw new HttpError(404, 'not_found', `session ${req.params.sessionId} not found`);
    const s = found.session;
    const events = await redactStored(app.repos.settings, s.siteId, found.events);
    return { sessionId: s.sessionId, processKey: s.processKey, siteId: s.siteId, versionHash: s.versionHash, version: s.versionNumber, startedAt: s.startedAt, outcome: s.outcome, endOutcome: s.endOutcome, steps: stepsOf(events) };
  });

  app.get<{ Params: { id: string; sessionId: string } }>('/api/replays/:id/sessions/:sessionId', {
    config: { access: 'tester' },
    schema: {
      tags: ['replays'],
      description: 'One replayed session side by side: the original steps and the replayed ones, the first step where they part (`divergedAt`), the verdict and its reason.',
      params: { type: 'object', required: ['id', 'sessionId'], properties: { id: idParams.properties.id, sessionId: { type: 'string', minLength: 1, maxLength: MAX_SESSION_ID } } },
      response: {
        200: {
          type: 'object',
          properties: {
            original: { type: 'array', items: step }, replayed: { type: 'array', items: step },
            divergedAt: { type: ['integer', 'null'] }, verdict, step: { type: 'integer' }, reason: { type: 'string' }, expected: { type: 'string' }, actual: { type: 'string' },
          },
        },
        ...errors,
      },
    },
  }, async (req) => {
    const user = currentUser(req);
    return jobs.sessionOf(req.params.id, req.params.sessionId, user.id, user.role === 'admin');
  });
}
