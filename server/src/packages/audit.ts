import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/db.js';

export interface PackageAuditEntry {
  action: 'package.export' | 'package.import' | 'package.settings' | 'package.trust' | 'package.distrust';
  target: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records through the audit log core (`app.audit`, /work/helpers/CONSOLE.md) when the app has
 * it. Written against that contract before the core reached this branch.
 */
export async function auditPackage(app: FastifyInstance, req: FastifyRequest, entry: PackageAuditEntry, tx?: Queryable): Promise<void> {
  const audit = (app as unknown as { audit?: { record(req: FastifyRequest, entry: PackageAuditEntry, tx?: Queryable): Promise<unknown> } }).audit;
  await audit?.record(req, entry, tx);
}
