import { describe, expect, it } from 'vitest';
import type { FleetSite, FleetTerminal } from '@voiceman/server/api-types';
import { machineLines, minutesAgo, seen, siteCounts } from './summary.js';

const now = Date.parse('2026-12-02T12:00:00Z');
const terminal = (over: Partial<FleetTerminal>): FleetTerminal => ({
  id: 't', name: 't', createdAt: '2026-12-01T00:00:00Z', lastSeenAt: '2026-12-02T11:59:30Z', shellVersion: null, webVersion: null, runtimeVersion: null,
  device: null, machines: [], missing: [], skew: false, ...over,
});

describe('fleet summary', () => {
  it('says how recently a terminal was heard from', () => {
    expect(seen(null, now)).toBe('never');
    expect(seen('2026-12-02T11:59:00Z', now)).toBe('recent');
    expect(seen('2026-12-02T11:50:00Z', now)).toBe('stale');
    expect(minutesAgo('2026-12-02T11:50:00Z', now)).toBe(10);
  });
  it('counts skewed and silent terminals per site', () => {
    const site: FleetSite = { id: 's', name: 'S', environment: 'test', deployments: [], terminals: [terminal({ skew: true }), terminal({ lastSeenAt: null }), terminal({})] };
    expect(siteCounts(site, now)).toEqual({ terminals: 3, skewed: 1, silent: 1 });
  });
  it('names an older machine with the version the site deploys', () => {
    const t = terminal({ machines: [
      { processKey: 'pick', hash: 'aaaaaaaaaaaa', versionNumber: 2, deployedVersion: 3, standing: 'older' },
      { processKey: 'count', hash: 'bbbbbbbbbbbb', versionNumber: null, deployedVersion: 1, standing: 'unknown' },
    ] });
    expect(machineLines(t)).toEqual([{ text: 'pick v2 < v3', skew: true }, { text: 'count bbbbbbbb', skew: false }]);
  });
});
