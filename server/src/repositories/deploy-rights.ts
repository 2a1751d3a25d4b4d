import type { Db, Queryable } from '../db/db.js';
import { HttpError } from '../errors.js';

export interface UserRights {
  userId: number;
  username: string;
  role: string;
  /** Environments the user may deploy to (effective only with the admin role). */
  environments: string[];
}

/**
 * Deploy rights per environment (migration 014): deploying, rolling back, undeploying and
 * staged rollouts at a site need the admin role and a grant for the site's environment.
 */
export function deployRightsRepository(db: Db) {
  return {
    async may(userId: number, environment: string, q: Queryable = db): Promise<boolean> {
      const { rows } = await q.query('SELECT 1 FROM deploy_rights WHERE user_id = $1 AND environment = $2', [userId, environment]);
      return rows.length > 0;
    },

    async environmentsOf(userId: number, q: Queryable = db): Promise<string[]> {
      const { rows } = await q.query<{ environment: string }>(
        `SELECT r.environment FROM deploy_rights r JOIN environments e ON e.name = r.environment WHERE r.user_id = $1 ORDER BY e.position`, [userId]);
      return rows.map((r) => r.environment);
    },

    async list(): Promise<UserRights[]> {
      const { rows } = await db.query<{ id: number; username: string; role: string; environments: string[] }>(
        `SELECT u.id, u.username, u.role,
                coalesce(array_agg(r.environment ORDER BY e.position) FILTER (WHERE r.environment IS NOT NULL), '{}') AS environments
           FROM users u LEFT JOIN deploy_rights r ON r.user_id = u.id LEFT JOIN environments e ON e.name = r.environment
          GROUP BY u.id ORDER BY u.username`);
      return rows.map((r) => ({ userId: r.id, username: r.username, role: r.role, environments: r.environments }));
    },

    /** Every environment that exists, to `userId` (the first-start admin). */
    async grantAll(userId: number, by: string): Promise<void> {
      await db.query(
        `INSERT INTO deploy_rights (user_id, environment, granted_by) SELECT $1, name, $2 FROM environments ON CONFLICT DO NOTHING`, [userId, by]);
    },

    /**
     * Replaces a user's rights; answers what they were and are. Refused (409 `last_deployer`)
     * when an environment would be left with no admin who may deploy to it.
     */
    async set(userId: number, environments: string[], by: string): Promise<{ username: string; before: string[]; after: string[] }> {
      return db.transaction(async (tx) => {
        // One change at a time: the last-deployer check must see the other changes.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['deploy-rights']);
        const user = (await tx.query<{ username: string; role: string }>('SELECT username, role FROM users WHERE id = $1', [userId])).rows[0];
        if (!user) throw new HttpError(404, 'not_found', `user ${userId} not found`);
        const known = new Set((await tx.query<{ name: string }>('SELECT name FROM environments')).rows.map((r) => r.name));
        const unknown = environments.filter((e) => !known.has(e));
        if (unknown.length) throw new HttpError(422, 'unknown_environment', `no such environment: ${unknown.join(', ')}`);
        if (environments.length > 0 && user.role !== 'admin') {
          throw new HttpError(422, 'not_admin', `${user.username} is a ${user.role}: only admins deploy, so only admins get deploy rights`);
        }
        const before = await this.environmentsOf(userId, tx);
        await tx.query('DELETE FROM deploy_rights WHERE user_id = $1 AND NOT (environment = ANY($2::text[]))', [userId, environments]);
        await tx.query(
          `INSERT INTO deploy_rights (user_id, environment, granted_by) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING`, [userId, environments, by]);
        const orphaned = await tx.query<{ name: string }>(
          `SELECT e.name FROM environments e WHERE e.name = ANY($1::text[])
              AND NOT EXISTS (SELECT 1 FROM deploy_rights r JOIN users u ON u.id = r.user_id WHERE r.environment = e.name AND u.role = 'admin')`,
          [before.filter((e) => !environments.includes(e))]);
        if (orphaned.rows.length) {
          throw new HttpError(409, 'last_deployer', `refused: nobody else may deploy to ${orphaned.rows.map((r) => r.name).join(', ')}; grant another admin first`);
        }
        return { username: user.username, before, after: await this.environmentsOf(userId, tx) };
      });
    },
  };
}
export type DeployRightsRepository = ReturnType<typeof deployRightsRepository>;
