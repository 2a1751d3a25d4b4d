/**
 * The console's users section: roles, disable/enable, one-time password resets, sessions.
 * Every change is audited; an admin cannot disable, demote or reset themselves here (that is
 * how an installation loses its last admin), and the last enabled admin stays one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { typed } from '../plugins/typed.js';
import { managedUserSchema, userSessionSchema } from '../console-admin-schemas.js';
import { ROLES } from '../repositories/users.js';
import type { ManagedUser } from '../repositories/user-admin.js';
import { errors, positiveInt } from '../schemas.js';

const idParams = { type: 'object', required: ['id'], properties: { id: positiveInt } } as const;
const sessionParams = {
  type: 'object', required: ['id', 'sessionId'],
  properties: { id: positiveInt, sessionId: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'as GET …/sessions lists it' } },
} as const;

/** What the audit log keeps of a user: never a hash, never a session id. */
export const auditedUser = (u: ManagedUser) => ({ username: u.username, role: u.role, disabled: u.disabledAt !== null, mustChangePassword: u.mustChangePassword });

function notYourself(req: FastifyRequest, id: number, what: string, instead: string) {
  if (currentUser(req).id === id) throw new HttpError(409, 'not_yourself', `you cannot ${what} your own account here: ${instead}`);
}

export default async function userAdminRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { userAdmin } = app.repos;

  app.patch('/api/users/:id', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "Changes a user's role (`user.update`). The last enabled admin keeps the role (409 `last_admin`); your own role is changed by another admin (409 `not_yourself`).",
      params: idParams,
      body: { type: 'object', required: ['role'], additionalProperties: false, properties: { role: { type: 'string', enum: ROLES } }, examples: [{ role: 'tester' }] },
      response: { 200: managedUserSchema, ...errors },
    },
  }, async (req) => {
    notYourself(req, req.params.id, 'change the role of', 'ask another admin');
    const { before, after } = await userAdmin.setRole(req.params.id, req.body.role);
    if (before.role !== after.role) await app.audit.record(req, { action: 'user.update', target: after.username, before: { role: before.role }, after: { role: after.role } });
    return after;
  });

  app.post('/api/users/:id/disable', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "Disables a user (`user.disable`): every session of theirs ends at once and their login is refused (403 `user_disabled`). Not yourself, not the last enabled admin (409). Disabling a disabled user changes nothing.",
      params: idParams,
      response: { 200: managedUserSchema, ...errors },
    },
  }, async (req) => {
    notYourself(req, req.params.id, 'disable', 'ask another admin');
    const { before, after, endedSessions } = await userAdmin.disable(req.params.id, currentUser(req).username);
    if (before.disabledAt === null) await app.audit.record(req, { action: 'user.disable', target: after.username, before: auditedUser(before), after: { ...auditedUser(after), endedSessions } });
    return after;
  });

  app.post('/api/users/:id/enable', {
    config: { access: 'admin' },
    schema: { tags: ['admin'], description: 'Enables a disabled user (`user.enable`); they log in again with their password.', params: idParams, response: { 200: managedUserSchema, ...errors } },
  }, async (req) => {
    const { before, after } = await userAdmin.enable(req.params.id);
    if (before.disabledAt !== null) await app.audit.record(req, { action: 'user.enable', target: after.username, before: auditedUser(before), after: auditedUser(after) });
    return after;
  });

  app.post('/api/users/:id/password-reset', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "Sets a generated one-time password, shown once (`user.password_reset`): the user must choose their own at next login, and their sessions end. Your own password: PUT /api/auth/password.",
      params: idParams,
      response: {
        200: { type: 'object', required: ['user', 'password'], properties: { user: managedUserSchema, password: { type: 'string', description: 'shown once; not stored' } }, additionalProperties: false },
        ...errors,
      },
    },
  }, async (req) => {
    notYourself(req, req.params.id, 'reset the password of', 'change it with PUT /api/auth/password');
    const reset = await userAdmin.resetPassword(req.params.id);
    await app.audit.record(req, { action: 'user.password_reset', target: reset.user.username, after: { mustChangePassword: true } });
    return reset;
  });

  app.get('/api/users/:id/sessions', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: "The user's sessions that have not expired (sessions last 14 days from login), newest first.",
      params: idParams,
      response: {
        200: {
          type: 'array',
          items: userSessionSchema,
        },
        ...errors,
      },
    },
  }, async (req) => userAdmin.sessions(req.params.id, req.cookies[SESSION_COOKIE]));

  const ended = { type: 'object', required: ['ended'], properties: { ended: { type: 'integer' } }, additionalProperties: false } as const;

  app.delete('/api/users/:id/sessions/:sessionId', {
    config: { access: 'admin' },
    schema: { tags: ['admin'], description: 'Ends one session (`session.end`): its next request is 401.', params: sessionParams, response: { 200: ended, ...errors } },
  }, async (req) => {
    const user = await userAdmin.get(req.params.id);
    const n = await userAdmin.endSessions(req.params.id, req.params.sessionId);
    await app.audit.record(req, { action: 'session.end', target: `${user.username} (session ${req.params.sessionId})` });
    return { ended: n };
  });

  app.delete('/api/users/:id/sessions', {
    config: { access: 'admin' },
    schema: { tags: ['admin'], description: "Ends every session of the user (`session.end`).", params: idParams, response: { 200: ended, ...errors } },
  }, async (req) => {
    const user = await userAdmin.get(req.params.id);
    const n = await userAdmin.endSessions(req.params.id);
    await app.audit.record(req, { action: 'session.end', target: `${user.username} (all sessions)`, after: { ended: n } });
    return { ended: n };
  });
}
