/**
 * Settings against deployments: a deployment is refused when the site lacks a value for one of
 * the process's inputs, and a settings change is refused when it would leave a deployed process
 * without one. Also what a site's terminals and simulators get.
 */
import type { Queryable } from '../db/db.js';
import { HttpError } from '../errors.js';
import type { EnvironmentsRepository } from '../repositories/environments.js';
import type { SettingsRepository } from '../repositories/settings.js';
import { deliver, processInputs, secretValues, type Delivered, type EffectiveSetting } from './effective.js';

export interface SiteDeliveries {
  /** What each deployed process gets, by process key. */
  processes: Map<string, Delivered>;
  /** Values of every secret in force at the site (what the ingest redacts). */
  secrets: string[];
}

export function settingsService(settings: SettingsRepository, environments: EnvironmentsRepository) {
  /** Throws 409 naming every deployed process at these sites that the settings would not serve. */
  async function verifySites(q: Queryable, siteIds: string[]): Promise<void> {
    if (siteIds.length === 0) return;
    const effective = new Map<string, EffectiveSetting[]>();
    const problems: string[] = [];
    for (const d of await settings.deployedInputs(siteIds, q)) {
      if (!effective.has(d.siteId)) effective.set(d.siteId, (await settings.effectiveForSite(d.siteId, q)).settings);
      const { missing } = deliver(effective.get(d.siteId)!, processInputs(d.variables));
      if (missing.length) problems.push(`${d.processKey} version ${d.versionNumber} at ${d.siteId} needs ${missing.join(', ')}`);
    }
    if (problems.length) {
      throw new HttpError(409, 'setting_in_use', `refused: deployed processes would be left without settings: ${problems.join('; ')}`, { problems });
    }
  }

  return {
    verifySites,

    /**
     * Takes the site's environment's settings lock in `tx` (deployments and settings changes
     * of one environment go one at a time) and answers the environment.
     */
    async lockSite(tx: Queryable, siteId: string): Promise<string> {
      const site = await settings.siteOf(siteId, tx);
      await settings.lock(tx, site.environment);
      return site.environment;
    },

    /** Refuses (422 settings_missing) a version whose inputs the site has no value for; call under `lockSite`. */
    async checkDeployable(tx: Queryable, siteId: string, environment: string, processKey: string, versionNumber: number): Promise<void> {
      const variables = await environments.versionVariables(processKey, versionNumber, tx);
      if (variables === undefined) return;
      const { missing } = deliver((await settings.effectiveForSite(siteId, tx)).settings, processInputs(variables));
      if (missing.length) {
        throw new HttpError(422, 'settings_missing',
          `version ${versionNumber} of ${processKey} needs settings that site ${siteId} does not have: ${missing.join(', ')}; set them for the site or its environment (${environment})`,
          { missing: missing.map((m) => m.replace(/ \(.*$/, '')) });
      }
    },

    /** A deployment that checks the site's settings first (under the environment's settings lock). */
    async deploy(siteId: string, processKey: string, versionNumber: number, by: string) {
      return environments.transaction(async (tx) => {
        const environment = await this.lockSite(tx, siteId);
        await this.checkDeployable(tx, siteId, environment, processKey, versionNumber);
        return environments.deploy(siteId, processKey, versionNumber, by, tx);
      });
    },

    /** What the site's terminals get with their machines; `rollouts` (their group's) replace their process's version. */
    async forSite(siteId: string, rollouts: readonly number[] = []): Promise<SiteDeliveries> {
      const { settings: effective } = await settings.effectiveForSite(siteId);
      const processes = new Map<string, Delivered>();
      for (const d of await settings.deployedInputs([siteId])) processes.set(d.processKey, deliver(effective, processInputs(d.variables)).delivered);
      for (const r of rollouts.length ? await environments.rolloutInputs(rollouts) : []) {
        processes.set(r.processKey, deliver(effective, processInputs(r.variables)).delivered);
      }
      return { processes, secrets: secretValues(effective) };
    },
  };
}
export type SettingsService = ReturnType<typeof settingsService>;
