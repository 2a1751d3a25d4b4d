import type { FastifyInstance } from 'fastify';
import { typed } from '../plugins/typed.js';
import { tokenExpiresAt } from '../repositories/terminals.js';
import { errors, name, siteId, tokenAnswer } from '../schemas.js';
import { terminalListItem } from './terminal-schemas.js';
import { managedUserSchema } from '../console-admin-schemas.js';

const terminalIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { users, terminals } = app.repos;
  const user = {
    type: 'object',
    required: ['id', 'username', 'role'],
    properties: { id: { type: 'integer' }, username: { type: 'string' }, role: { type: 'string', enum: ['designer', 'tester', 'admin'] } },
    additionalProperties: false,
  } as const;

  app.get('/api/users', {
    config: { access: 'admin' },
    schema: { tags: ['admin'], description: 'Every user with role, one-time-password flag, disabled state and live session count (never a password hash).', response: { 200: { type: 'array', items: managedUserSchema }, ...errors } },
  }, async () => app.repos.userAdmin.list());

  app.post('/api/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      body: {
        type: 'object', required: ['username', 'password', 'role'], additionalProperties: false,
        properties: {
          username: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,64}$' },
          password: { type: 'string', minLength: 8, maxLength: 200 },
          role: { type: 'string', enum: ['designer', 'tester', 'admin'] },
          mustChangePassword: { type: 'boolean', description: 'the password is one-time: the user chooses their own at first login (the console sets this)' },
        },
      },
      response: { 201: user, ...errors },
    },
  }, async (req, reply) => {
    const created = await users.create(req.body.username, req.body.password, req.body.role, req.body.mustChangePassword ?? false);
    await app.audit.record(req, { action: 'user.create', target: req.body.username, after: { role: req.body.role, mustChangePassword: req.body.mustChangePassword ?? false } });
    return reply.code(201).send(created);
  });

  app.get('/api/terminals', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      response: {
        200: { type: 'array', items: terminalListItem },
        ...errors,
      },
    },
  }, async () => (await terminals.list()).map(({ tokenIssuedAt, ...t }) => ({ ...t, tokenExpiresAt: tokenExpiresAt(tokenIssuedAt, app.tokenPolicy) })));

  app.post('/api/terminals', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: 'Registers a device; the token is shown once and only its hash is stored.',
      body: { type: 'object', required: ['siteId', 'name'], additionalProperties: false, properties: { siteId, name }, examples: [{ siteId: 'dev-lab', name: 'Aisle 3 headset' }] },
      response: {
        201: {
          type: 'object',
          properties: { id: { type: 'string' }, siteId: { type: 'string' }, name: { type: 'string' }, ...tokenAnswer.properties },
        },
        ...errors,
      },
    },
  }, async (req, reply) => {
    const { issuedAt, ...t } = await terminals.register(req.body.siteId, req.body.name);
    await app.audit.record(req, { action: 'terminal.register', target: `${t.id} → ${req.body.siteId}`, after: { name: req.body.name } });
    return reply.code(201).send({ ...t, expiresAt: tokenExpiresAt(issuedAt, app.tokenPolicy) });
  });

  app.post('/api/terminals/:id/token', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "Issues a new token for a device (shown once). The old one is refused at once unless `graceSeconds` (at most a day) keeps it working meanwhile.",
      params: terminalIdParams,
      body: { type: ['object', 'null'], additionalProperties: false, properties: { graceSeconds: { type: 'integer', minimum: 0, maximum: 86_400 } } },
      response: { 200: tokenAnswer, ...errors },
    },
  }, async (req) => {
    const rotated = await terminals.rotateToken(req.params.id, req.body?.graceSeconds ?? 0);
    app.terminalTokens.forgetTerminal(req.params.id);
    await app.audit.record(req, { action: 'terminal.token_rotate', target: req.params.id, after: { graceSeconds: req.body?.graceSeconds ?? 0 } });
    return { token: rotated.token, expiresAt: tokenExpiresAt(rotated.issuedAt, app.tokenPolicy) };
  });

  app.delete('/api/terminals/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: 'Revokes a device: its token stops working at once.',
      params: terminalIdParams,
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (req, reply) => {
    await terminals.remove(req.params.id);
    app.terminalTokens.forgetTerminal(req.params.id);
    await app.audit.record(req, { action: 'terminal.revoke', target: req.params.id });
    return reply.code(204).send(null);
  });
}
