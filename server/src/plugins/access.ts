import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role, User } from '../repositories/users.js';
import type { Terminal } from '../repositories/terminals.js';

export interface Principal {
  user?: User;
  terminal?: Terminal;
}

/**
 * Who may call a route. Every route names one of these in `config.access`; the auth plugin
 * refuses to register an `/api` route that names none, so no route is open by accident.
 */
export const ACCESS = {
  /** Anyone, logged in or not. */
  public: { roles: null, allows: () => true },
  /** Any logged-in browser user (designer, tester, admin). */
  user: { roles: ['designer', 'tester', 'admin'], allows: (p: Principal) => p.user !== undefined },
  /** Those who edit drafts. */
  editor: { roles: ['designer', 'admin'], allows: (p: Principal) => p.user?.role === 'designer' || p.user?.role === 'admin' },
  /** Those who test processes against real traffic (replays of logged sessions). */
  tester: { roles: ['tester', 'admin'], allows: (p: Principal) => p.user?.role === 'tester' || p.user?.role === 'admin' },
  admin: { roles: ['admin'], allows: (p: Principal) => p.user?.role === 'admin' },
  /** A terminal's bearer token; it sees only its own site. */
  terminal: { roles: null, allows: (p: Principal) => p.terminal !== undefined },
  /** An HTML page for logged-in users: redirects to the login page instead of a 401. */
  page: { roles: ['designer', 'tester', 'admin'], allows: (p: Principal) => p.user !== undefined },
} satisfies Record<string, { roles: Role[] | null; allows: (p: Principal) => boolean }>;

export type Access = keyof typeof ACCESS;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Open to a user who still has to replace the one-time first-start password (`me`, the change, logout). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    user?: User;
    terminal?: Terminal;
  }
}

export function currentUser(req: FastifyRequest): User {
  if (!req.user) throw new Error('route reached without a user; its access level is wrong');
  return req.user;
}
export function currentTerminal(req: FastifyRequest): Terminal {
  if (!req.terminal) throw new Error('route reached without a terminal; its access level is wrong');
  return req.terminal;
}

export type Reply = FastifyReply;
