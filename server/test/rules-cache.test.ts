import { describe, expect, it } from 'vitest';
import type { EnvironmentsRepository } from '../src/repositories/environments.js';
import { rulesCache } from '../src/rules-cache.js';

/** A site whose machines answer after `delayMs`, counting the reads (each is a database round trip and 100 KB in production). */
function environments(delayMs = 20) {
  let version = 1;
  const reads = { machines: 0, groups: 0 };
  const repo = {
    site: async (id: string) => ({ id, name: 'DC 1', environment: 'production' }),
    machinesForSite: async () => {
      reads.machines += 1;
      const read = version;
      await new Promise((r) => setTimeout(r, delayMs));
      return [{ processKey: 'pick', versionNumber: read, hash: `h${read}`, machine: { states: {} } }];
    },
  } as unknown as EnvironmentsRepository;
  const groups = async () => {
    reads.groups += 1;
    await new Promise((r) => setTimeout(r, delayMs));
    return [];
  };
  return { repo, groups, reads, deploy: () => (version += 1) };
}

describe('rules cache', () => {
  it('builds a site once for every caller asking while it builds (an ingest storm after the TTL ran out)', async () => {
    const env = environments();
    const cache = rulesCache(env.repo, 60_000, undefined, env.groups);
    const entries = await Promise.all(Array.from({ length: 50 }, () => cache.get('dc-1')));
    expect(new Set(entries).size).toBe(1);
    expect(env.reads).toEqual({ machines: 1, groups: 1 });
    expect(cache.peek('dc-1')).toBe(entries[0]);
  });

  it('rebuilds once after the TTL, keeping the ETag when nothing changed', async () => {
    const env = environments(5);
    const cache = rulesCache(env.repo, 30, undefined, env.groups);
    const first = await cache.get('dc-1');
    await new Promise((r) => setTimeout(r, 40));
    expect(cache.peek('dc-1')).toBeUndefined();
    const again = await Promise.all(Array.from({ length: 20 }, () => cache.get('dc-1')));
    expect(env.reads.machines).toBe(2);
    expect(again.every((e) => e.etag === first.etag)).toBe(true);
  });

  it('a deploy during a build: callers already waiting get what was read, the next caller the new machines', async () => {
    const env = environments();
    const cache = rulesCache(env.repo, 60_000, undefined, env.groups);
    await cache.get('dc-1');
    cache.invalidate('dc-1');
    const during = cache.get('dc-1');
    while (env.reads.machines < 2) await new Promise((r) => setTimeout(r, 1));
    // As the deploy service does: the new version is in, then the site is invalidated.
    env.deploy();
    cache.invalidate('dc-1');
    expect(JSON.parse((await during).body).processes[0].versionNumber).toBe(1);
    const after = await cache.get('dc-1');
    expect(JSON.parse(after.body).processes[0].versionNumber).toBe(2);
    expect(env.reads.machines).toBe(3);
  });
});
