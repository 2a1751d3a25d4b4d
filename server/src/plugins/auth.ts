import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { HttpError } from '../errors.js';
import { ACCESS, type Access } from './access.js';
import type { UsersRepository } from '../repositories/users.js';
import type { Terminal, TerminalsRepository } from '../repositories/terminals.js';

export const SESSION_COOKIE = 'vm_session';

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || undefined : undefined;
}

/**
 * Root part of the access rules: the request decorators, and every `/api` route must name an
 * access level or the app refuses to start. The callers are resolved by one of the two scopes
 * below, each registered inside the encapsulated context that holds its routes.
 */
async function access(app: FastifyInstance) {
  app.decorateRequest('user', undefined);
  app.decorateRequest('terminal', undefined);
  app.addHook('onRoute', (route) => {
    const level = route.config?.access;
    if (level === undefined && route.url.startsWith('/api')) {
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    }
    if (level !== undefined && !(level in ACCESS)) throw new Error(`route ${route.url}: unknown access ${level}`);
  });
}
export default fp(access, { name: 'access' });

/** A scope's routes must use only the levels its hook resolves (a terminal route among browser routes would be open to nobody, or to everybody). */
function onlyLevels(app: FastifyInstance, scope: string, allowed: (level: Access) => boolean) {
  app.addHook('onRoute', (route) => {
    const level: Access = route.config?.access ?? 'public';
    if (!allowed(level)) throw new Error(`route ${route.method} ${route.url}: access ${level} cannot be served in the ${scope} scope`);
  });
}

/** Browser callers: the session cookie, resolved before the body is read, then the route's level. */
async function browserAuth(app: FastifyInstance, opts: { users: UsersRepository }) {
  await app.register(cookie);
  onlyLevels(app, 'browser', (level) => level !== 'terminal');
  app.addHook('onRequest', async (req, reply) => {
    const level: Access = req.routeOptions.config?.access ?? 'public';
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.user = await opts.users.userForSession(token);
    if (level === 'public') return;
    if (!req.user) {
      if (level === 'page') {
        return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
      }
      throw new HttpError(401, 'unauthenticated', 'log in first');
    }
    if (!ACCESS[level].allows({ user: req.user })) {
      throw new HttpError(403, 'forbidden', `this needs the role ${ACCESS[level].roles?.join(' or ')}`);
    }
    // The generated first-start password was printed to a console: until it is replaced, the
    // session may only replace it (or read who it is, or log out).
    if (req.user.mustChangePassword && !req.routeOptions.config?.beforePasswordChange) {
      if (level === 'page') return reply.redirect('/');
      throw new HttpError(403, 'password_change_required', 'change the one-time password first (PUT /api/auth/password)');
    }
  });
}
export const browserScope = fp(browserAuth, { name: 'browser-auth' });

/** Remembered token lookups, shared with the admin routes so a revoked or rotated terminal is locked out at once. */
export class TerminalTokenCache extends Map<string, { at: number; terminal: Terminal; validUntil: number | null }> {
  forgetTerminal(id: string): void {
    for (const [token, entry] of this) if (entry.terminal.id === id) this.delete(token);
  }
}

/**
 * Terminal callers: the bearer token only. Terminals poll, so this scope has no cookie parsing
 * and the token lookup is remembered; a remembered token resolves without a promise.
 */
async function terminalAuth(app: FastifyInstance, opts: { terminals: TerminalsRepository; tokenCache: TerminalTokenCache; tokenCacheMs?: number; tokenLifetimeDays?: number }) {
  const tokenCache = opts.tokenCache;
  const tokenCacheMs = opts.tokenCacheMs ?? 30_000;
  onlyLevels(app, 'terminal', (level) => level === 'terminal');
  const hook: onRequestHookHandler = (req, _reply, done) => {
    const token = bearer(req);
    if (!token) return done(new HttpError(401, 'unauthenticated', 'a terminal token is required (Authorization: Bearer <token>)'));
    const now = Date.now();
    const cached = tokenCache.get(token);
    if (cached && now - cached.at < tokenCacheMs && (cached.validUntil === null || now < cached.validUntil)) {
      req.terminal = cached.terminal;
      return done();
    }
    opts.terminals.byToken(token, opts.tokenLifetimeDays).then((found) => {
      if (!found) {
        tokenCache.delete(token);
        return done(new HttpError(401, 'unauthenticated', 'unknown terminal token'));
      }
      if (found.validUntil !== null && Date.now() >= found.validUntil) {
        tokenCache.delete(token);
        return done(new HttpError(401, 'token_expired', 'this terminal token has expired; an admin issues a new one (POST /api/terminals/:id/token)'));
      }
      tokenCache.set(token, { at: Date.now(), terminal: found.terminal, validUntil: found.validUntil });
      req.terminal = found.terminal;
      done();
    }, done);
  };
  app.addHook('onRequest', hook);
}
export const terminalScope = fp(terminalAuth, { name: 'terminal-auth' });
