/**
 * Deploy, roll back, undeploy and staged rollouts at a site, behind the per-environment deploy
 * rights. Every change runs under the environment's settings lock (settings/service.ts), so the
 * "from" it answers is what it replaced, and ends with the site's terminal rules invalidated.
 */
import type { Db, Queryable } from '../db/db.js';
import { HttpError } from '../errors.js';
import type { DeployMatrixRepository, VersionNote } from '../repositories/deploy-matrix.js';
import type { DeployRightsRepository } from '../repositories/deploy-rights.js';
import type { Deployment, EnvironmentsRepository } from '../repositories/environments.js';
import type { Rollout, RolloutsRepository, Thresholds } from '../repositories/rollouts.js';
import type { User } from '../repositories/users.js';
import type { RulesCache } from '../rules-cache.js';
import type { SettingsService } from '../settings/service.js';
import { crossedThreshold } from './thresholds.js';

export interface DeployRepos {
  environments: EnvironmentsRepository;
  rollouts: RolloutsRepository;
  deployRights: DeployRightsRepository;
  deployMatrix: DeployMatrixRepository;
}

/** What a deploy or rollback would change: what the confirmation names. */
export interface DeployPlan {
  siteId: string;
  siteName: string;
  environment: string;
  processKey: string;
  from: { versionNumber: number; hash: string } | null;
  to: { versionNumber: number; hash: string };
  /** The release notes between the two versions (of the versions being added, or being undone), newest first. */
  notes: VersionNote[];
  /** A rollout in progress for the process here (deploy and rollback are refused until it ends). */
  rollout: { id: number; versionNumber: number } | null;
}

const versionLabel = (n: number | null) => (n === null ? 'nothing' : `version ${n}`);

export function deployService(db: Db, repos: DeployRepos, settings: SettingsService, rules: RulesCache) {
  const { environments, rollouts, deployRights, deployMatrix } = repos;

  /** 403 `no_deploy_right` unless the user may deploy to the site's environment; answers the site. */
  async function assertMayDeploy(user: User, siteId: string, q: Queryable = db) {
    const site = await environments.site(siteId);
    if (!(await deployRights.may(user.id, site.environment, q))) {
      throw new HttpError(403, 'no_deploy_right', `${user.username} may not deploy to ${site.environment} (site ${siteId}); an admin with that right can grant it in the console`, { environment: site.environment });
    }
    return site;
  }

  async function current(siteId: string, processKey: string, q: Queryable) {
    return environments.currentRow(siteId, processKey, q);
  }

  function checkExpected(expected: number | null | undefined, actual: number | null, siteId: string, processKey: string) {
    if (expected !== undefined && expected !== actual) {
      throw new HttpError(409, 'deployment_changed', `${processKey} at ${siteId} runs ${versionLabel(actual)} now, not ${versionLabel(expected)}: someone changed it meanwhile; look again`, { current: actual });
    }
  }

  async function refuseDuringRollout(siteId: string, processKey: string, q: Queryable) {
    const r = await rollouts.activeFor(siteId, processKey, q);
    if (r) throw new HttpError(409, 'rollout_active', `rollout ${r.id} of ${processKey} version ${r.versionNumber} is in progress at ${siteId}: promote or roll it back first`, { rolloutId: r.id });
  }

  async function hashOf(processKey: string, n: number, q: Queryable = db) {
    const hash = await deployMatrix.versionHash(processKey, n, q);
    if (hash === undefined) throw new HttpError(404, 'not_found', `version ${n} of ${processKey} not found`);
    return hash;
  }

  async function inLock<T>(siteId: string, fn: (tx: Queryable, environment: string) => Promise<T>): Promise<T> {
    const result = await db.transaction(async (tx) => fn(tx, await settings.lockSite(tx, siteId)));
    rules.invalidate(siteId);
    return result;
  }

  async function promoteOrRollback(rollout: Rollout, by: string, how: 'promoted' | 'rolled_back', reason: string) {
    return inLock(rollout.siteId, async (tx, environment) => {
      const ended = await rollouts.end(rollout.id, how, by, reason, tx);
      if (how === 'rolled_back') return { rollout: ended, deployment: null };
      await settings.checkDeployable(tx, rollout.siteId, environment, rollout.processKey, rollout.versionNumber);
      const deployment = await environments.deploy(rollout.siteId, rollout.processKey, rollout.versionNumber, by, tx, { kind: 'promote' });
      return { rollout: ended, deployment };
    });
  }

  return {
    assertMayDeploy,

    async plan(siteId: string, processKey: string, target: { versionNumber: number } | { rollback: true }): Promise<DeployPlan> {
      const site = await environments.site(siteId);
      const now = await current(siteId, processKey, db);
      let to: number;
      if ('rollback' in target) {
        if (!now?.previous) throw new HttpError(409, 'nothing_to_roll_back', `${processKey} at ${siteId} has no earlier deployment to roll back to`);
        to = now.previous.versionNumber;
      } else to = target.versionNumber;
      const toHash = await hashOf(processKey, to);
      const from = now ? { versionNumber: now.versionNumber, hash: await hashOf(processKey, now.versionNumber) } : null;
      const low = Math.min(from?.versionNumber ?? 0, to);
      const high = Math.max(from?.versionNumber ?? 0, to);
      const r = await rollouts.activeFor(siteId, processKey);
      return {
        siteId, siteName: site.name, environment: site.environment, processKey, from, to: { versionNumber: to, hash: toHash },
        notes: await deployMatrix.notesBetween(processKey, low, high),
        rollout: r ? { id: r.id, versionNumber: r.versionNumber } : null,
      };
    },

    async deploy(user: User, siteId: string, processKey: string, versionNumber: number, expectedCurrent?: number | null): Promise<{ deployment: Deployment; from: number | null }> {
      await assertMayDeploy(user, siteId);
      return inLock(siteId, async (tx, environment) => {
        const now = await current(siteId, processKey, tx);
        checkExpected(expectedCurrent, now?.versionNumber ?? null, siteId, processKey);
        await refuseDuringRollout(siteId, processKey, tx);
        await settings.checkDeployable(tx, siteId, environment, processKey, versionNumber);
        const deployment = await environments.deploy(siteId, processKey, versionNumber, user.username, tx);
        return { deployment, from: now?.versionNumber ?? null };
      });
    },

    /** Back to the deployment the current one replaced (a stack: rolling back twice goes two steps back). */
    async rollback(user: User, siteId: string, processKey: string, expectedCurrent?: number | null): Promise<{ deployment: Deployment; from: number }> {
      await assertMayDeploy(user, siteId);
      return inLock(siteId, async (tx, environment) => {
        const now = await current(siteId, processKey, tx);
        checkExpected(expectedCurrent, now?.versionNumber ?? null, siteId, processKey);
        if (!now) throw new HttpError(404, 'not_deployed', `process ${processKey} is not deployed at site ${siteId}`);
        if (!now.previous) throw new HttpError(409, 'nothing_to_roll_back', `${processKey} at ${siteId} has no earlier deployment to roll back to`);
        await refuseDuringRollout(siteId, processKey, tx);
        await settings.checkDeployable(tx, siteId, environment, processKey, now.previous.versionNumber);
        const deployment = await environments.deploy(siteId, processKey, now.previous.versionNumber, user.username, tx, { kind: 'rollback', previousId: now.previous.previousId });
        return { deployment, from: now.versionNumber };
      });
    },

    async undeploy(user: User, siteId: string, processKey: string): Promise<{ from: number }> {
      await assertMayDeploy(user, siteId);
      return inLock(siteId, async (tx) => {
        const now = await current(siteId, processKey, tx);
        await refuseDuringRollout(siteId, processKey, tx);
        await environments.undeploy(siteId, processKey, user.username, tx);
        return { from: now!.versionNumber };
      });
    },

    async startRollout(user: User, r: { siteId: string; processKey: string; versionNumber: number; terminalIds: string[]; operatorIds: string[]; thresholds: Thresholds }): Promise<Rollout> {
      await assertMayDeploy(user, r.siteId);
      if (r.terminalIds.length === 0 && r.operatorIds.length === 0) throw new HttpError(422, 'empty_group', 'choose at least one terminal or operator for the rollout group');
      return inLock(r.siteId, async (tx, environment) => {
        const now = await current(r.siteId, r.processKey, tx);
        if (!now) throw new HttpError(409, 'not_deployed', `deploy ${r.processKey} to ${r.siteId} first: a rollout is compared with what the rest of the site runs`);
        if (now.versionNumber === r.versionNumber) throw new HttpError(409, 'same_version', `${r.siteId} already runs version ${r.versionNumber} of ${r.processKey}`);
        await hashOf(r.processKey, r.versionNumber, tx);
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM terminals WHERE site_id = $1 AND id = ANY($2::text[])', [r.siteId, r.terminalIds]);
        const unknown = r.terminalIds.filter((id) => !rows.some((t) => t.id === id));
        if (unknown.length) throw new HttpError(422, 'unknown_terminal', `not terminals of site ${r.siteId}: ${unknown.join(', ')}`, { terminals: unknown });
        await settings.checkDeployable(tx, r.siteId, environment, r.processKey, r.versionNumber);
        return rollouts.start({ ...r, baseVersion: now.versionNumber, by: user.username }, tx);
      });
    },

    async rolloutFor(user: User, id: number): Promise<Rollout> {
      const r = await rollouts.get(id);
      await assertMayDeploy(user, r.siteId);
      return r;
    },

    /** Deploys the rollout's version to the whole site. */
    promote: (rollout: Rollout, by: string) => promoteOrRollback(rollout, by, 'promoted', 'promoted'),
    /** Ends the rollout: its group returns to the site's deployment. */
    rollbackRollout: (rollout: Rollout, by: string, reason: string) => promoteOrRollback(rollout, by, 'rolled_back', reason),

    async figures(rollout: Rollout, now: Date) {
      const f = await rollouts.figures(rollout, now);
      return { ...f, crossed: rollout.state === 'active' ? crossedThreshold(rollout.thresholds, f.group, f.rest) : null };
    },
  };
}
export type DeployService = ReturnType<typeof deployService>;
