/**
 * The console's terminal fleet: per site, its deployments and terminals with what their last
 * heartbeat said (version skew worked out here), and renaming a terminal. Registering
 * (pairing codes with their QR) and revoking are `routes/pairing.ts` and `routes/admin.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { typed } from '../plugins/typed.js';
import { fleetSite } from '../console-admin-schemas.js';
import { errors, name, siteId } from '../schemas.js';

export default async function fleetRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { fleet } = app.repos;

  app.get('/api/fleet', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "Per site (environment order): its current deployments and its terminals with their last heartbeat (versions, machines placed against the deployment, operator, process, state, queue, battery, wifi).",
      querystring: { type: 'object', additionalProperties: false, properties: { siteId } },
      response: { 200: { type: 'array', items: fleetSite }, ...errors },
    },
  }, async (req) => fleet.sites(req.query.siteId));

  app.patch('/api/terminals/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: 'Renames a terminal (`terminal.rename`).',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
      body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name }, examples: [{ name: 'Aisle 4 headset' }] },
      response: { 200: { type: 'object', required: ['id', 'name'], additionalProperties: false, properties: { id: { type: 'string' }, name: { type: 'string' } } }, ...errors },
    },
  }, async (req) => {
    const renamed = await fleet.rename(req.params.id, req.body.name);
    // The token cache holds the terminal's name: the next request reads the new one.
    app.terminalTokens.forgetTerminal(req.params.id);
    if (renamed.before !== renamed.after) {
      await app.audit.record(req, { action: 'terminal.rename', target: `${req.params.id} (${renamed.siteId})`, before: { name: renamed.before }, after: { name: renamed.after } });
    }
    return { id: req.params.id, name: renamed.after };
  });
}
