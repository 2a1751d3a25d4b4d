import type { FastifyInstance } from 'fastify';
import { currentUser } from '../plugins/access.js';
import { errors, positiveInt, processKey, siteId } from '../schemas.js';
import { typed } from '../plugins/typed.js';

const deployment = {
  type: 'object',
  properties: {
    processKey: { type: 'string' }, versionNumber: { type: 'integer' }, hash: { type: 'string' },
    deployedAt: { type: 'string' }, deployedBy: { type: 'string' },
    undeployed: { type: 'boolean', description: 'history only: this row took the process off the site' },
  },
  additionalProperties: false,
} as const;
const siteParams = { type: 'object', required: ['siteId'], properties: { siteId } } as const;

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
      description: 'Points the site at a version of a process; rollback is pointing back at an older one. 422 settings_missing when the site (or its environment) has no value for one of the version\'s input variables.',
      params: siteParams,
      body: {
        type: 'object', required: ['processKey', 'versionNumber'], additionalProperties: false,
        properties: { processKey, versionNumber: positiveInt },
        examples: [{ processKey: 'case-picking', versionNumber: 1 }],
      },
      response: { 201: deployment, ...errors },
    },
  }, async (req, reply) => {
    // Refused (422 settings_missing) when the site lacks a value for one of the version's inputs.
    const before = (await app.repos.environments.history(req.params.siteId)).find((h) => h.processKey === req.body.processKey);
    const d = await app.settings.deploy(req.params.siteId, req.body.processKey, req.body.versionNumber, currentUser(req).username);
    app.rulesCache.invalidate(req.params.siteId);
    await app.audit.record(req, {
      action: 'deployment.deploy',
      target: `${req.body.processKey}@${req.body.versionNumber} → ${req.params.siteId}`,
      before: before && !before.undeployed ? { versionNumber: before.versionNumber } : null,
      after: { versionNumber: req.body.versionNumber },
    });
    return reply.code(201).send(d);
  });

  app.delete('/api/sites/:siteId/deployments/:processKey', {
    config: { access: 'admin' },
    schema: {
      tags: ['environments'],
      description: "Undeploys: the site's terminals stop offering the process (their next machines fetch lacks it); the history keeps a row saying so. 404 `not_deployed` when it is not deployed there.",
      params: { type: 'object', required: ['siteId', 'processKey'], properties: { siteId, processKey } },
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (req, reply) => {
    await app.repos.environments.undeploy(req.params.siteId, req.params.processKey, currentUser(req).username);
    app.rulesCache.invalidate(req.params.siteId);
    await app.audit.record(req, { action: 'deployment.undeploy', target: `${req.params.processKey} → ${req.params.siteId}` });
    return reply.code(204).send(null);
  });

  app.get('/api/sites/:siteId/deployments/history', {
    config: { access: 'user' },
    schema: { tags: ['environments'], params: siteParams, response: { 200: { type: 'array', items: deployment }, ...errors } },
  }, async (req) => environments.history(req.params.siteId));
}
