import { createHash } from 'node:crypto';
import { secretPatterns } from '@voiceman/runtime';
import type { EnvironmentsRepository } from './repositories/environments.js';
import type { SiteDeliveries } from './settings/service.js';

export interface RulesEntry {
  etag: string;
  body: string;
  /** The site's secret values as `redactWith` patterns (the ingest's second line of defence). */
  secretPatterns: readonly string[];
}

const NO_SETTINGS = { input: {}, settings: {}, secrets: [] };

/**
 * The serialized machines of each site, with the site's settings for each, and their ETag.
 * Terminals poll this; keeping the bytes ready makes a 200 and a 304 cost no database round
 * trip. A deploy or a settings change through this server invalidates at once; `ttlMs` bounds
 * staleness when another server instance changed something.
 */
export function rulesCache(environments: EnvironmentsRepository, ttlMs = 5_000, siteSettings?: (siteId: string) => Promise<SiteDeliveries>) {
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
      const [machines, settings] = await Promise.all([environments.machinesForSite(siteId), siteSettings?.(siteId)]);
      // The settings are part of the body, so the ETag changes with them: no new version needed.
      const processes = machines.map((p) => ({ ...p, ...(settings?.processes.get(p.processKey) ?? NO_SETTINGS) }));
      const body = JSON.stringify({ site: { id: site.id, name: site.name, environment: site.environment }, processes });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const entry = { etag, body, secretPatterns: secretPatterns(settings?.secrets ?? []), at: Date.now() };
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
