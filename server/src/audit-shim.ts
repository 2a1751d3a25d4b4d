// TEMPORARY (uncommitted): stands in for the lead's audit core until main is merged.
import type { FastifyInstance, FastifyRequest } from 'fastify';
type Entry = { action: string; target: string; before?: unknown; after?: unknown };
declare module 'fastify' {
  interface FastifyInstance {
    audit: { record(req: FastifyRequest, e: Entry, db?: unknown): Promise<void>; system(e: Entry, db?: unknown): Promise<void> };
  }
}
export const shimEntries: (Entry & { actor: string })[] = [];
export function installAuditShim(app: FastifyInstance) {
  app.decorate('audit', {
    async record(req: FastifyRequest, e: Entry) { shimEntries.push({ ...e, actor: req.user?.username ?? '?' }); },
    async system(e: Entry) { shimEntries.push({ ...e, actor: 'system' }); },
  });
}
