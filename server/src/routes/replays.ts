/**
 * Replays of logged sessions (testers, admins): pick sessions of a process from the dialog log
 * (filters like the history pages), replay each on the draft or a version, read the verdicts
 * while it runs, and one session side by side. The engine is the simulator's (`replaySession`).
 */
import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import { stepsOf } from '@voiceman/simulator';
import type { Repositories } from '../app.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { replaysRepository, type ReplayFilter } from '../repositories/replays.js';
import { MAX_SESSION_ID } from '../repositories/validate-event.js';
import { ReplayJobs, type ReplayJob, type ReplayLimits, type ReplayTarget } from '../replays/jobs.js';
import { redactStored } from '../settings/history.js';
import { resolveDialogSettings } from '../settings/resolve.js';
import { errors } from '../schemas.js';
import { createReplayBody, DEFAULT_REPLAY_LIMIT, loggedSessionSteps, MAX_REPLAY_SESSIONS, replayComparison, replayReport } from '../replays/schemas.js';
import { MachineCache, machineFor } from '../simulations/machines.js';
import { parseUtc } from '../history/pages.js';

export { MAX_REPLAY_SESSIONS };

type CreateBody = FromSchema<typeof createReplayBody>;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** The job as answered: without its owner, the filter's period as ISO date-times. */
const shown = ({ userId: _owner, filter: { from, to, ...filter }, ...job }: ReplayJob) => ({
  ...job, filter: { ...filter, ...(from ? { from: from.toISOString() } : {}), ...(to ? { to: to.toISOString() } : {}) },
});

function toFilter(f: CreateBody['filter']): ReplayFilter {
  const from = parseUtc('filter.from', f.from);
  const to = parseUtc('filter.to', f.to);
  if (from && to && from >= to) throw new HttpError(400, 'invalid_request', 'filter.from must be before filter.to');
  return {
    processKey: f.processKey, limit: f.limit ?? DEFAULT_REPLAY_LIMIT,
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

export default async function replayRoutes(fastify: FastifyInstance, opts: { limits?: ReplayLimits }) {
  const app = typed(fastify);
  const jobs = new ReplayJobs(opts.limits);
  const machines = new MachineCache();
  const repo = replaysRepository(app.db);
  app.addHook('onClose', async () => jobs.close());

  app.post('/api/replays', {
    config: { access: 'tester' },
    schema: {
      tags: ['replays'],
      description: `Replays logged sessions of a process (newest first, at most ${MAX_REPLAY_SESSIONS}) on its draft or a version. 202 with the job id; poll GET /api/replays/{id}. A draft that does not compile is a 422 draft_invalid; more than the running replays a user may have is a 429 too_many_replays.`,
      body: createReplayBody,
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

  app.get('/api/replays/:id', {
    config: { access: 'tester' },
    schema: { tags: ['replays'], description: 'The job: progress, totals and each replayed session\'s verdict (poll while `running`).', params: idParams, response: { 200: replayReport, ...errors } },
  }, async (req) => {
    const user = currentUser(req);
    return shown(jobs.get(req.params.id, user.id, user.role === 'admin'));
  });

  app.get('/api/sessions/:sessionId/steps', {
    config: { access: 'user' },
    schema: {
      tags: ['replays'],
      description: "A logged session cut into steps at each operator input (the path it took, for the canvas): what the history page shows, as the replay reads it.",
      params: { type: 'object', required: ['sessionId'], properties: { sessionId: { type: 'string', minLength: 1, maxLength: MAX_SESSION_ID } } },
      response: {
        200: loggedSessionSteps,
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

  app.get('/api/replays/:id/sessions/:sessionId', {
    config: { access: 'tester' },
    schema: {
      tags: ['replays'],
      description: 'One replayed session side by side: the original steps and the replayed ones, the first step where they part (`divergedAt`), the verdict and its reason.',
      params: { type: 'object', required: ['id', 'sessionId'], properties: { id: idParams.properties.id, sessionId: { type: 'string', minLength: 1, maxLength: MAX_SESSION_ID } } },
      response: {
        200: replayComparison,
        ...errors,
      },
    },
  }, async (req) => {
    const user = currentUser(req);
    return jobs.sessionOf(req.params.id, req.params.sessionId, user.id, user.role === 'admin');
  });
}
