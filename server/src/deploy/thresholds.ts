import { DEFAULT_MIN_SESSIONS, type Figures, type Thresholds } from '../repositories/rollouts.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Which threshold the group crossed against the rest of the site, in words (the audit's and
 * the console's reason), or null. Nothing is judged before the group has `minSessions` ended
 * sessions; a figure the rest of the site has no value for is not compared.
 */
export function crossedThreshold(t: Thresholds, group: Figures, rest: Figures): string | null {
  if (group.ended < (t.minSessions ?? DEFAULT_MIN_SESSIONS)) return null;
  if (t.errorRate !== undefined && group.errorRate !== null && rest.errorRate !== null && group.errorRate - rest.errorRate > t.errorRate) {
    return `sessions ending in error ${pct(group.errorRate)} against ${pct(rest.errorRate)} for the rest of the site (allowed: ${(t.errorRate * 100).toFixed(1)} points more)`;
  }
  if (t.noMatchRate !== undefined && group.noMatchRate !== null && rest.noMatchRate !== null && group.noMatchRate - rest.noMatchRate > t.noMatchRate) {
    return `no-match rate ${pct(group.noMatchRate)} against ${pct(rest.noMatchRate)} for the rest of the site (allowed: ${(t.noMatchRate * 100).toFixed(1)} points more)`;
  }
  if (t.meanTaskTime !== undefined && group.meanTaskMs !== null && rest.meanTaskMs !== null && rest.meanTaskMs > 0 && group.meanTaskMs / rest.meanTaskMs > t.meanTaskTime) {
    return `mean task time ${(group.meanTaskMs / 1000).toFixed(1)} s against ${(rest.meanTaskMs / 1000).toFixed(1)} s for the rest of the site (allowed: ×${t.meanTaskTime})`;
  }
  return null;
}
