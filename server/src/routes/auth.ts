import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCKOUT, LoginLockout, type LockoutOptions } from '../auth/lockout.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { typed } from '../plugins/typed.js';
import { errors, errorSchema, userSchema } from '../schemas.js';

export interface AuthRouteOptions {
  /** Login attempts per client IP per minute (@fastify/rate-limit); default 60. */
  loginPerIpPerMinute?: number;
  lockout?: LockoutOptions;
}

/** The session cookie: `Secure` when the request came over HTTPS (x-forwarded-proto counts behind a trusted proxy). */
const cookieOptions = (req: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https' });

export default async function authRoutes(fastify: FastifyInstance, opts: AuthRouteOptions) {
  const app = typed(fastify);
  const { users } = app.repos;
  const lockout = new LoginLockout(opts.lockout ?? DEFAULT_LOCKOUT);
  const locked = (reply: FastifyReply, ms: number) => {
    const seconds = Math.ceil(ms / 1000);
    reply.header('retry-after', String(seconds));
    return new HttpError(429, 'login_locked', `too many wrong passwords for this user; try again in ${seconds} s`, { retryAfterSeconds: seconds });
  };

  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit: { max: opts.loginPerIpPerMinute ?? 60, timeWindow: 60_000 } },
    schema: {
      tags: ['auth'],
      body: {
        type: 'object',
        required: ['username', 'password'],
        additionalProperties: false,
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
        examples: [{ username: 'admin', password: 'the password printed at first start' }],
      },
      response: { 200: userSchema, ...errors, 429: errorSchema },
    },
  }, async (req, reply) => {
    const name = req.body.username;
    const wait = lockout.lockedFor(name);
    if (wait > 0) throw locked(reply, wait);
    const user = await users.authenticate(name, req.body.password);
    if (!user) {
      await app.audit.as(req, name, { action: 'auth.login_failed', target: name });
      const lockedNow = lockout.failed(name);
      if (lockedNow > 0) throw locked(reply, lockedNow);
      throw new HttpError(401, 'bad_credentials', 'wrong username or password');
    }
    lockout.succeeded(name);
    const token = await users.startSession(user.id);
    await app.audit.as(req, user.username, { action: 'auth.login', target: user.username });
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: 14 * 24 * 3600 });
    return { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword };
  });

  app.put('/api/auth/password', {
    config: { access: 'user', beforePasswordChange: true },
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
    await app.audit.record(req, { action: 'auth.password_change', target: user.username });
    return reply.code(204).send(null);
  });

  app.post('/api/auth/logout', {
    config: { access: 'user', beforePasswordChange: true },
    schema: { tags: ['auth'], response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await users.endSession(token);
    await app.audit.record(req, { action: 'auth.logout', target: currentUser(req).username });
    reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: 'user', beforePasswordChange: true },
    schema: { tags: ['auth'], response: { 200: userSchema, ...errors } },
  }, async (req) => {
    const user = currentUser(req);
    return { username: user.username, role: user.role, mustChangePassword: user.mustChangePassword };
  });
}
