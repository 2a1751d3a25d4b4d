import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { errors, userSchema } from '../schemas.js';

export default async function authRoutes(app: FastifyInstance) {
  const { users } = app.repos;

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      body: {
        type: 'object',
        required: ['username', 'password'],
        additionalProperties: false,
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: { 200: userSchema, ...errors },
    },
  }, async (req, reply) => {
    const user = await users.authenticate(req.body.username, req.body.password);
    if (!user) throw new HttpError(401, 'bad_credentials', 'wrong username or password');
    const token = await users.startSession(user.id);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 14 * 24 * 3600 });
    return { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword };
  });

  app.put<{ Body: { currentPassword: string; newPassword: string } }>('/api/auth/password', {
    config: { access: 'user' },
    schema: {
      tags: ['auth'],
      description: 'Changes your own password (required after logging in with the one-time first-start password); other sessions end.',
      body: {
        type: 'object', required: ['currentPassword', 'newPassword'], additionalProperties: false,
        properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 8, maxLength: 200 } },
      },
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (req, reply) => {
    const user = currentUser(req);
    if (!(await users.authenticate(user.username, req.body.currentPassword))) throw new HttpError(401, 'bad_credentials', 'the current password is wrong');
    if (req.body.newPassword === req.body.currentPassword) throw new HttpError(400, 'password_unchanged', 'choose a password different from the current one');
    await users.changePassword(user.id, req.body.newPassword, req.cookies[SESSION_COOKIE] ?? '');
    return reply.code(204).send();
  });

  app.post('/api/auth/logout', {
    config: { access: 'user' },
    schema: { tags: ['auth'], response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await users.endSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', {
    config: { access: 'user' },
    schema: { tags: ['auth'], response: { 200: userSchema, ...errors } },
  }, async (req) => {
    const user = currentUser(req);
    return { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword };
  });
}
