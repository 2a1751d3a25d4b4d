import type { FastifyInstance } from 'fastify';
import { currentUser } from '../plugins/access.js';
import { errors, positiveInt, processKey } from '../schemas.js';
import { deployment, expectedCurrent, siteParams, siteProcessParams } from './deploy-schemas.js';
import { typed } from '../plugins/typed.js';

export default async function environmentRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { environments } = app.repos;

  app.get('/api/environments', {
    config: { access: 'user' },
    schema: {
      tags: ['environments'],
      response: {
        200: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              sites: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, deployments: { type: 'array', items: deployment } }, additionalProperties: false },
              },
            },
            additionalProperties: false,
          },
        },
        ...errors,
      },
    },
  }, async () => environments.list());

  app.post('/api/sites/:siteId/deployments', {
    config: { access: 'admin' },
    schema: {
      tags: ['environments'],
      description: "Points the site at a version of a process (POST …/rollback returns to the previous one). Needs a deploy right for the site's environment (403 `no_deploy_right`). 422 settings_missing when the site (or its environment) has no value for one of the version's input variables; 409 `rollout_active` while a staged rollout of the process runs there; 409 `deployment_changed` when `expectedCurrent` is not what runs now.",
      params: siteParams,
      body: {
        type: 'object', required: ['processKey', 'versionNumber'], additionalProperties: false,
        properties: { processKey, versionNumber: positiveInt, expectedCurrent },
        examples: [{ processKey: 'case-picking', versionNumber: 1 }],
      },
      response: { 201: deployment, ...errors },
    },
  }, async (req, reply) => {
    const { siteId } = req.params;
    const { processKey: key, versionNumber } = req.body;
    const { deployment: d, from } = await app.deploy.deploy(currentUser(req), siteId, key, versionNumber, req.body.expectedCurrent);
    await app.audit.record(req, { action: 'deployment.deploy', target: `${key}@${versionNumber} → ${siteId}`, before: from === null ? null : { versionNumber: from }, after: { versionNumber } });
    return reply.code(201).send(d);
  });

  app.delete('/api/sites/:siteId/deployments/:processKey', {
    config: { access: 'admin' },
    schema: {
      tags: ['environments'],
      description: "Undeploys: the site's terminals stop offering the process (their next machines fetch lacks it); the history keeps a row saying so. 404 `not_deployed` when it is not deployed there; 403 `no_deploy_right`, 409 `rollout_active` as for a deploy.",
      params: siteProcessParams,
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (req, reply) => {
    const { siteId, processKey: key } = req.params;
    const { from } = await app.deploy.undeploy(currentUser(req), siteId, key);
    await app.audit.record(req, { action: 'deployment.undeploy', target: `${key} → ${siteId}`, before: { versionNumber: from }, after: null });
    return reply.code(204).send(null);
  });

  app.get('/api/sites/:siteId/deployments/history', {
    config: { access: 'user' },
    schema: {
      tags: ['environments'],
      description: 'Every deployment row of the site, newest first: who, when, which version, and what it did (`kind`); one process\'s with `processKey`.',
      params: siteParams,
      querystring: { type: 'object', additionalProperties: false, properties: { processKey } },
      response: { 200: { type: 'array', items: deployment }, ...errors },
    },
  }, async (req) => environments.history(req.params.siteId, req.query.processKey));
}
