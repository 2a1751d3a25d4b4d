import type { EnvironmentsRepository } from './repositories/environments.js';

/**
 * Which (process, version hash) pairs each site's terminals may send events for: every version
 * ever deployed there (a session that started on a version finishes on it after a redeploy).
 * Deployments are only ever added, so a remembered pair stays true; a pair not remembered is
 * looked up again (another instance may have deployed it), one query per batch at most.
 */
export function deployedVersions(environments: EnvironmentsRepository) {
  const known = new Map<string, Set<string>>();
  const pairKey = (processKey: string, hash: string) => `${processKey}\n${hash}`;
  async function reload(siteId: string): Promise<Set<string>> {
    const set = new Set((await environments.versionsEverDeployed(siteId)).map((v) => pairKey(v.processKey, v.hash)));
    known.set(siteId, set);
    return set;
  }
  return {
    /** The subset of `pairs` (as `{processKey, versionHash}`) not deployed to the site, ever. */
    async unknown<T extends { processKey: string; versionHash: string }>(siteId: string, items: T[]): Promise<Set<T>> {
      let set = known.get(siteId);
      const miss = (s: Set<string> | undefined) => items.filter((i) => !s?.has(pairKey(i.processKey, i.versionHash)));
      let missing = miss(set);
      if (missing.length > 0) {
        set = await reload(siteId);
        missing = miss(set);
      }
      return new Set(missing);
    },
  };
}
export type DeployedVersions = ReturnType<typeof deployedVersions>;
