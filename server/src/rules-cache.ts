import { createHash } from 'node:crypto';
import type { EnvironmentsRepository } from './repositories/environments.js';

export interface RulesEntry {
  etag: string;
  body: string;
}

/**
 * The serialized machines of each site with their ETag. Terminals poll this; keeping the bytes
 * ready makes a 200 and a 304 cost no database round trip. A deploy through this server
 * invalidates at once; `ttlMs` bounds staleness when another server instance deployed.
 */
export function rulesCache(environments: EnvironmentsRepository, ttlMs = 5_000) {
  const entries = new Map<string, RulesEntry & { at: number }>();
  function peek(siteId: string): RulesEntry | undefined {
    const hit = entries.get(siteId);
    return hit && Date.now() - hit.at < ttlMs ? hit : undefined;
  }
  return {
    /** The fresh entry if there is one, without a promise: the 304 path stays synchronous. */
    peek,
    async get(siteId: string): Promise<RulesEntry> {
      const hit = peek(siteId);
      if (hit) return hit;
      const site = await environments.site(siteId);
      const processes = await environments.machinesForSite(siteId);
      const body = JSON.stringify({ site: { id: site.id, name: site.name, environment: site.environment }, processes });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const entry = { etag, body, at: Date.now() };
      entries.set(siteId, entry);
      return entry;
    },
    invalidate(siteId?: string) {
      if (siteId) entries.delete(siteId);
      else entries.clear();
    },
  };
}
export type RulesCache = ReturnType<typeof rulesCache>;
