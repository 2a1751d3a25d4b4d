import { createHash } from 'node:crypto';
import { secretPatterns } from '@voiceman/runtime';
import type { EnvironmentsRepository } from './repositories/environments.js';
import { encodedBodies, type RulesEncoding } from './rules-encoding.js';
import type { RolloutGroup } from './repositories/rollouts.js';
import type { SiteDeliveries } from './settings/service.js';

export interface RulesEntry {
  etag: string;
  body: string;
  /** The site's secret values as `redactWith` patterns (the ingest's second line of defence). */
  secretPatterns: readonly string[];
}

/** Who asks: a staged rollout's group is chosen terminals and/or operators. */
export interface RulesCaller {
  terminalId?: string;
  operatorId?: string;
}

const NO_SETTINGS = { input: {}, settings: {}, secrets: [] };

/** The rollouts whose group holds the caller, as a cache key ('' for the rest of the site). */
export function rolloutsOf(groups: readonly RolloutGroup[], who: RulesCaller): number[] {
  return groups
    .filter((g) => (who.terminalId !== undefined && g.terminalIds.includes(who.terminalId)) || (who.operatorId !== undefined && g.operatorIds.includes(who.operatorId)))
    .map((g) => g.id);
}

interface SiteEntry {
  at: number;
  groups: readonly RolloutGroup[];
  /** One body per set of rollouts a caller is in ('' = none: the site's deployments). */
  variants: Map<string, RulesEntry>;
  /** Bodies being built: every caller asking meanwhile waits for the same one. */
  building: Map<string, Promise<RulesEntry>>;
}

/**
 * The serialized machines of each site, with the site's settings for each, and their ETag.
 * Terminals poll this; keeping the bytes ready makes a 200 and a 304 cost no database round
 * trip. A terminal in a staged rollout's group gets the rollout's version of that process (a
 * variant of the site's body, cached beside it). A deploy, a rollout step or a settings change
 * through this server invalidates the site (every variant) at once; `ttlMs` bounds staleness
 * when another server instance changed something.
 *
 * Rebuilds are single-flight: every ingest reads the site's entry (its secret patterns), so
 * when the TTL ran out under load, each POST arriving during the rebuild used to start its own
 * (the machines read from the database, serialized and hashed again, per request): the load
 * run's server spent most of its CPU there. Now one rebuild per site and variant runs at a time.
 */
export function rulesCache(
  environments: EnvironmentsRepository,
  ttlMs = 5_000,
  siteSettings?: (siteId: string, rollouts?: readonly number[]) => Promise<SiteDeliveries>,
  activeGroups: (siteId: string) => Promise<RolloutGroup[]> = async () => [],
) {
  const sites = new Map<string, SiteEntry>();
  const refreshing = new Map<string, Promise<SiteEntry>>();
  // By ETag, not by entry: an entry rebuilt after the TTL with the same content keeps its bytes.
  const encoded = encodedBodies();
  function fresh(siteId: string): SiteEntry | undefined {
    const hit = sites.get(siteId);
    return hit && Date.now() - hit.at < ttlMs ? hit : undefined;
  }
  function refresh(siteId: string): Promise<SiteEntry> {
    const running = refreshing.get(siteId);
    if (running) return running;
    const at = Date.now();
    const next: Promise<SiteEntry> = activeGroups(siteId)
      .then((groups) => {
        const site: SiteEntry = { at, groups, variants: new Map(), building: new Map() };
        // An invalidation while reading the groups dropped this refresh: do not keep its answer.
        if (refreshing.get(siteId) === next) sites.set(siteId, site);
        return site;
      })
      .finally(() => {
        if (refreshing.get(siteId) === next) refreshing.delete(siteId);
      });
    refreshing.set(siteId, next);
    return next;
  }
  async function build(siteId: string, rollouts: number[]): Promise<RulesEntry> {
    const site = await environments.site(siteId);
    const [machines, settings] = await Promise.all([environments.machinesForSite(siteId, rollouts), siteSettings?.(siteId, rollouts)]);
    // The settings are part of the body, so the ETag changes with them: no new version needed.
    const processes = machines.map((p) => ({ ...p, ...(settings?.processes.get(p.processKey) ?? NO_SETTINGS) }));
    const body = JSON.stringify({ site: { id: site.id, name: site.name, environment: site.environment }, processes });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return { etag, body, secretPatterns: secretPatterns(settings?.secrets ?? []) };
  }
  return {
    /** The fresh entry if there is one, without a promise: the 304 path stays synchronous. */
    peek(siteId: string, who: RulesCaller = {}): RulesEntry | undefined {
      const site = fresh(siteId);
      return site?.variants.get(rolloutsOf(site.groups, who).join(','));
    },
    async get(siteId: string, who: RulesCaller = {}): Promise<RulesEntry> {
      const site = fresh(siteId) ?? (await refresh(siteId));
      const rollouts = rolloutsOf(site.groups, who);
      const key = rollouts.join(',');
      const hit = site.variants.get(key);
      if (hit) return hit;
      let pending = site.building.get(key);
      if (!pending) {
        pending = build(siteId, rollouts)
          .then((entry) => {
            // An invalidation while building dropped `site`: this entry is stale, do not keep it.
            if (sites.get(siteId) === site) site.variants.set(key, entry);
            return entry;
          })
          .finally(() => site.building.delete(key));
        site.building.set(key, pending);
      }
      return pending;
    },
    /** The entry's body compressed in `encoding`: made once per ETag, then ready (a Buffer). */
    encoded(entry: RulesEntry, encoding: RulesEncoding): Buffer | Promise<Buffer> {
      return encoded.get(entry.etag, entry.body, encoding);
    },
    invalidate(siteId?: string) {
      if (siteId) {
        sites.delete(siteId);
        refreshing.delete(siteId);
      } else {
        sites.clear();
        refreshing.clear();
      }
    },
  };
}
export type RulesCache = ReturnType<typeof rulesCache>;
