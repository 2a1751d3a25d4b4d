import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import type { Rollout } from '../repositories/rollouts.js';
import { errors, positiveInt, processKey } from '../schemas.js';
import { figures, operatorId, rollout, rolloutCheck, rolloutParams, siteParams, terminalId, thresholds } from './deploy-schemas.js';

const target = (r: Rollout) => `${r.processKey}@${r.versionNumber} → ${r.siteId} (rollout ${r.id})`;
const group = (r: Rollout) => ({ versionNumber: r.versionNumber, baseVersion: r.baseVersion, terminalIds: r.terminalIds, operatorIds: r.operatorIds, thresholds: r.thresholds });

/** Staged rollouts: a version on a group of a site's terminals or operators first. */
export default async function rolloutRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const now = () => new Date(app.rolloutWatch.now());

  app.get('/api/sites/:siteId/rollouts', {
    config: { access: 'user' },
    schema: {
      tags: ['rollouts'],
      description: "The site's rollouts, newest first (one process's with `processKey`).",
      params: siteParams,
      querystring: { type: 'object', additionalProperties: false, properties: { processKey } },
      response: { 200: { type: 'array', items: rollout }, ...errors },
    },
  }, async (req) => {
    await app.repos.environments.site(req.params.siteId);
    return app.repos.rollouts.list(req.params.siteId, req.query.processKey);
  });

  app.post('/api/sites/:siteId/rollouts', {
    config: { access: 'admin' },
    schema: {
      tags: ['rollouts'],
      description: "Starts a staged rollout: `versionNumber` runs on the chosen terminals of the site, and on any of its terminals while one of the chosen operators is signed on (the terminal sends `operatorId` with its machines fetch); the rest of the site keeps its deployment. 403 `no_deploy_right`; 409 `rollout_active`, `not_deployed`, `same_version`; 422 `empty_group`, `unknown_terminal`, `settings_missing`.",
      params: siteParams,
      body: {
        type: 'object', required: ['processKey', 'versionNumber'], additionalProperties: false,
        properties: {
          processKey, versionNumber: positiveInt,
          terminalIds: { type: 'array', maxItems: 1000, uniqueItems: true, items: terminalId, default: [] },
          operatorIds: { type: 'array', maxItems: 1000, uniqueItems: true, items: operatorId, default: [] },
          thresholds: { ...thresholds, default: {} },
        },
        examples: [{ processKey: 'case-picking', versionNumber: 2, terminalIds: [], operatorIds: ['op-7'], thresholds: { errorRate: 0.05, minSessions: 20 } }],
      },
      response: { 201: rollout, ...errors },
    },
  }, async (req, reply) => {
    const b = req.body;
    const r = await app.deploy.startRollout(currentUser(req), {
      siteId: req.params.siteId, processKey: b.processKey, versionNumber: b.versionNumber,
      terminalIds: b.terminalIds ?? [], operatorIds: b.operatorIds ?? [], thresholds: b.thresholds ?? {},
    });
    await app.audit.record(req, { action: 'rollout.start', target: target(r), before: null, after: group(r) });
    return reply.code(201).send(r);
  });

  app.get('/api/rollouts/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['rollouts'],
      description: "A rollout with its group's figures against the rest of the site's over the rollout's time (sessions ending in error, no-match rate, mean task time) and the threshold crossed, if any.",
      params: rolloutParams,
      response: { 200: { type: 'object', properties: { rollout, figures }, additionalProperties: false }, ...errors },
    },
  }, async (req) => {
    const r = await app.repos.rollouts.get(req.params.id);
    return { rollout: r, figures: await app.deploy.figures(r, now()) };
  });

  const end = (how: 'promote' | 'rollback') => async (req: FastifyRequest<{ Params: { id: number } }>) => {
    const user = currentUser(req);
    const r = await app.deploy.rolloutFor(user, req.params.id);
    const done = how === 'promote' ? await app.deploy.promote(r, user.username) : await app.deploy.rollbackRollout(r, user.username, 'by hand');
    await app.audit.record(req, {
      action: `rollout.${how}`, target: target(r), before: { state: 'active', siteVersion: r.baseVersion },
      after: { state: done.rollout.state, ...(done.deployment ? { siteVersion: done.deployment.versionNumber } : {}) },
    });
    return done.rollout;
  };
  const ENDINGS = {
    promote: "Deploys the rollout's version to the whole site and ends the rollout. 409 `rollout_ended` when it already ended; 403 `no_deploy_right`.",
    rollback: "Ends the rollout: its group returns to the site's deployment at its next machines fetch. 409 `rollout_ended`; 403 `no_deploy_right`.",
  } as const;
  for (const how of ['promote', 'rollback'] as const) {
    app.post(`/api/rollouts/:id/${how}`, {
      config: { access: 'admin' },
      schema: { tags: ['rollouts'], description: ENDINGS[how], params: rolloutParams, response: { 200: rollout, ...errors } },
    }, end(how));
  }

  app.post('/api/rollouts/:id/check', {
    config: { access: 'admin' },
    schema: {
      tags: ['rollouts'],
      description: "Checks the rollout's thresholds now (the server also does every minute): rolls it back (actor 'system' in the audit log) when the group crossed one.",
      params: rolloutParams,
      response: { 200: rolloutCheck, ...errors },
    },
  }, async (req) => app.rolloutWatch.check(await app.deploy.rolloutFor(currentUser(req), req.params.id)));
}
