import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { ACCESS, type Access } from './access.js';
import type { UsersRepository } from '../repositories/users.js';
import type { TerminalsRepository } from '../repositories/terminals.js';

export const SESSION_COOKIE = 'vm_session';

interface AuthOptions {
  users: UsersRepository;
  terminals: TerminalsRepository;
  /** How long a terminal token lookup is remembered (the terminal API is hot). */
  tokenCacheMs?: number;
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || undefined : undefined;
}

/** Resolves the caller (session cookie or terminal token) before the body is read, then applies the route's access level. */
async function auth(app: FastifyInstance, opts: AuthOptions) {
  await app.register(cookie);
  const tokenCache = new Map<string, { at: number; terminal: Awaited<ReturnType<TerminalsRepository['byToken']>> }>();
  const tokenCacheMs = opts.tokenCacheMs ?? 30_000;

  app.decorateRequest('user', undefined);
  app.decorateRequest('terminal', undefined);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined && route.url.startsWith('/api')) {
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    }
    if (access !== undefined && !(access in ACCESS)) throw new Error(`route ${route.url}: unknown access ${access}`);
  });

  app.addHook('onRequest', async (req, reply) => {
    const access: Access = req.routeOptions.config?.access ?? 'public';
    if (access === 'public') {
      const token = req.cookies[SESSION_COOKIE];
      if (token) req.user = await opts.users.userForSession(token);
      return;
    }
    if (access === 'terminal') {
      const token = bearer(req);
      if (!token) throw new HttpError(401, 'unauthenticated', 'a terminal token is required (Authorization: Bearer <token>)');
      const cached = tokenCache.get(token);
      let terminal = cached && Date.now() - cached.at < tokenCacheMs ? cached.terminal : undefined;
      if (!terminal) {
        terminal = await opts.terminals.byToken(token);
        if (terminal) tokenCache.set(token, { at: Date.now(), terminal });
      }
      if (!terminal) throw new HttpError(401, 'unauthenticated', 'unknown terminal token');
      req.terminal = terminal;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.user = await opts.users.userForSession(token);
    if (!req.user) {
      if (access === 'page') {
        return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
      }
      throw new HttpError(401, 'unauthenticated', 'log in first');
    }
    if (!ACCESS[access].allows({ user: req.user })) {
      throw new HttpError(403, 'forbidden', `this needs the role ${ACCESS[access].roles?.join(' or ')}`);
    }
  });
}

export default fp(auth, { name: 'auth' });
