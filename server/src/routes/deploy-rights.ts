import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { errors } from '../schemas.js';
import { userRights } from './deploy-schemas.js';

const environmentName = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;

/** Who may deploy to which environment (on top of the admin role). */
export default async function deployRightsRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const rights = app.repos.deployRights;

  app.get('/api/deploy-rights', {
    config: { access: 'admin' },
    schema: { tags: ['admin'], description: 'Every user with the environments they may deploy to.', response: { 200: { type: 'array', items: userRights }, ...errors } },
  }, async () => rights.list());

  app.put('/api/deploy-rights/:userId', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "Sets the environments a user may deploy to. You grant or revoke only environments you may deploy to yourself (403 `no_deploy_right`). 422 `not_admin` (only admins deploy), `unknown_environment`; 409 `last_deployer` when an environment would be left with no admin who may deploy to it.",
      params: { type: 'object', required: ['userId'], properties: { userId: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } } },
      body: {
        type: 'object', required: ['environments'], additionalProperties: false,
        properties: { environments: { type: 'array', maxItems: 100, uniqueItems: true, items: environmentName } },
        examples: [{ environments: ['development', 'test'] }],
      },
      response: { 200: userRights, ...errors },
    },
  }, async (req) => {
    const me = currentUser(req);
    const mine = await rights.environmentsOf(me.id);
    const current = (await rights.list()).find((u) => u.userId === req.params.userId);
    if (!current) throw new HttpError(404, 'not_found', `user ${req.params.userId} not found`);
    const wanted = req.body.environments;
    const changed = [...wanted.filter((e) => !current.environments.includes(e)), ...current.environments.filter((e) => !wanted.includes(e))];
    const notMine = changed.filter((e) => !mine.includes(e));
    if (notMine.length) throw new HttpError(403, 'no_deploy_right', `you may grant or revoke only environments you may deploy to yourself; not ${notMine.join(', ')}`, { environments: notMine });
    const r = await rights.set(req.params.userId, wanted, me.username);
    await app.audit.record(req, { action: 'rights.update', target: `${r.username}: deploy rights`, before: { environments: r.before }, after: { environments: r.after } });
    return { userId: current.userId, username: current.username, role: current.role, environments: r.after };
  });
}
