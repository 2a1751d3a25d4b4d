import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { errors, positiveInt } from '../schemas.js';
import { deployment, expectedCurrent, matrix, plan, siteProcessParams } from './deploy-schemas.js';

/** The console's deployments page: what runs where, what a deploy or rollback would change, rollback. */
export default async function deploymentRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);

  app.get('/api/deployments/matrix', {
    config: { access: 'user' },
    schema: {
      tags: ['environments'],
      description: 'Processes × sites grouped by environment: the deployed version of each, the draft\'s state, drift (a site on an older version than another site of its environment) and rollouts in progress; `mayDeploy` says whether the caller may deploy to each environment.',
      response: { 200: matrix, ...errors },
    },
  }, async (req) => {
    const user = currentUser(req);
    const [m, mine] = await Promise.all([app.repos.deployMatrix.matrix(), app.repos.deployRights.environmentsOf(user.id)]);
    return { ...m, environments: m.environments.map((e) => ({ ...e, mayDeploy: user.role === 'admin' && mine.includes(e.name) })) };
  });

  app.get('/api/sites/:siteId/deployments/:processKey/plan', {
    config: { access: 'admin' },
    schema: {
      tags: ['environments'],
      description: 'What a deploy of `versionNumber` (or, with `rollback=true`, a rollback) would change, for the confirmation: from → to and the release notes in between. 409 `nothing_to_roll_back` when there is no earlier deployment.',
      params: siteProcessParams,
      querystring: { type: 'object', additionalProperties: false, properties: { versionNumber: positiveInt, rollback: { type: 'boolean' } } },
      response: { 200: plan, ...errors },
    },
  }, async (req) => {
    const { siteId, processKey } = req.params;
    if (req.query.rollback) return app.deploy.plan(siteId, processKey, { rollback: true });
    if (req.query.versionNumber === undefined) throw new HttpError(400, 'invalid_request', 'querystring needs versionNumber (a deploy) or rollback=true');
    return app.deploy.plan(siteId, processKey, { versionNumber: req.query.versionNumber });
  });

  app.post('/api/sites/:siteId/deployments/:processKey/rollback', {
    config: { access: 'admin' },
    schema: {
      tags: ['environments'],
      description: 'Returns the site to the deployment the current one replaced (rolling back again goes one more step back). 409 `nothing_to_roll_back`, `rollout_active`, `deployment_changed`; 403 `no_deploy_right`.',
      params: siteProcessParams,
      body: { type: ['object', 'null'], additionalProperties: false, properties: { expectedCurrent } },
      response: { 201: deployment, ...errors },
    },
  }, async (req, reply) => {
    const { siteId, processKey } = req.params;
    const { deployment: d, from } = await app.deploy.rollback(currentUser(req), siteId, processKey, req.body?.expectedCurrent);
    await app.audit.record(req, { action: 'deployment.rollback', target: `${processKey}@${d.versionNumber} → ${siteId}`, before: { versionNumber: from }, after: { versionNumber: d.versionNumber } });
    return reply.code(201).send(d);
  });
}
