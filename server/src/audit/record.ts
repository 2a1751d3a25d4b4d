/**
 * `app.audit`: the one way routes write the audit log. The actor and address come from the
 * request, so a route only says what it did.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/db.js';
import type { AuditEntry, AuditRepository } from './audit-repository.js';

export interface Audit {
  /** After the change committed, or inside its transaction (`tx`) to be atomic with it. */
  record(req: FastifyRequest, entry: AuditEntry, tx?: Queryable): Promise<void>;
  /** What the server did by itself (actor `system`). */
  system(entry: AuditEntry, tx?: Queryable): Promise<void>;
  /** A named actor without a session (a failed login names who was tried). */
  as(req: FastifyRequest, actor: string, entry: AuditEntry, tx?: Queryable): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: Audit;
  }
}

export function createAudit(repo: AuditRepository): Audit {
  return {
    record: (req, entry, tx) =>
      repo.record({ ...entry, actor: req.user?.username ?? (req.terminal ? `terminal:${req.terminal.id}` : 'anonymous'), actorId: req.user?.id ?? null, address: req.ip }, tx),
    system: (entry, tx) => repo.record({ ...entry, actor: 'system' }, tx),
    as: (req, actor, entry, tx) => repo.record({ ...entry, actor, address: req.ip }, tx),
  };
}

export default fp(
  async (app: FastifyInstance, opts: { repo: AuditRepository }) => {
    app.decorate('audit', createAudit(opts.repo));
  },
  { name: 'audit' },
);
