/**
 * What the fleet page works out from GET /api/fleet: how recently a terminal was heard from,
 * each site's counts, and a terminal's machines in one line.
 */
import type { FleetSite, FleetTerminal } from '@voiceman/server/api-types';

/** Terminals send a heartbeat about every 30 s: silent for longer than this is worth a look. */
export const STALE_AFTER_MS = 2 * 60_000;

export type Seen = 'never' | 'recent' | 'stale';

export function seen(lastSeenAt: string | null, now: number): Seen {
  if (lastSeenAt === null) return 'never';
  return now - new Date(lastSeenAt).getTime() > STALE_AFTER_MS ? 'stale' : 'recent';
}

/** Minutes since the last heartbeat, rounded down (0 for under a minute). */
export const minutesAgo = (lastSeenAt: string, now: number) => Math.max(0, Math.floor((now - new Date(lastSeenAt).getTime()) / 60_000));

export function siteCounts(site: FleetSite, now: number) {
  return {
    terminals: site.terminals.length,
    skewed: site.terminals.filter((t) => t.skew).length,
    silent: site.terminals.filter((t) => seen(t.lastSeenAt, now) !== 'recent').length,
  };
}

/** `case-picking v3` per machine; an older one says which version the site deploys. */
export function machineLines(t: FleetTerminal): { text: string; skew: boolean }[] {
  return t.machines.map((m) => {
    const v = m.versionNumber === null ? m.hash.slice(0, 8) : `v${m.versionNumber}`;
    return { text: m.standing === 'older' ? `${m.processKey} ${v} < v${m.deployedVersion}` : `${m.processKey} ${v}`, skew: m.standing === 'older' };
  });
}
