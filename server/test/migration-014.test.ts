import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/build.js';
import { migrate } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import { freshPostgresDb, login } from './backends.js';
import { caller } from './deploy-helpers.js';

/** An installation upgraded to migration 014 keeps deploying, and its history keeps rolling back. */
describe('migration 014 on an existing installation', () => {
  it('grants existing admins every environment and chains the old deployments for rollback', async () => {
    const url = await freshPostgresDb('upgrade');
    const db = await openPostgres(url);
    await migrate(db, '013');
    const { hashPassword } = await import('../src/auth/password.js');
    const hash = await hashPassword('old-admin-password');
    await db.query(`INSERT INTO users (username, role, password_hash) VALUES ('old-admin', 'admin', $1), ('old-designer', 'designer', $1)`, [hash]);
    await db.query(`INSERT INTO versions (process_key, number, hash, author, graph, machine) VALUES ('legacy', 1, 'h1', 'x', '{}', '{}'), ('legacy', 2, 'h2', 'x', '{}', '{}')`);
    // v1, v2, undeploy, v1 again, v2 again: rollback from the last goes to v1, then nothing (the undeploy cuts the chain).
    for (const [v, undeployed] of [[1, false], [2, false], [2, true], [1, false], [2, false]] as const) {
      await db.query(`INSERT INTO deployments (site_id, process_key, version_number, deployed_by, undeployed) VALUES ('dev-lab', 'legacy', $1, 'old-admin', $2)`, [v, undeployed]);
    }
    await migrate(db);

    const rights = await db.query<{ username: string; environment: string }>(
      `SELECT u.username, r.environment FROM deploy_rights r JOIN users u ON u.id = r.user_id ORDER BY u.username, r.environment`);
    expect(rights.rows.map((r) => `${r.username}:${r.environment}`)).toEqual(['old-admin:development', 'old-admin:production', 'old-admin:test']);

    const app = await buildApp({ db, designerDist: '/nonexistent' });
    try {
      const admin = caller(app, await login(app, 'old-admin', 'old-admin-password'));
      const history = (await admin('GET', '/api/sites/dev-lab/deployments/history?processKey=legacy')).body;
      expect(history.map((h: { kind: string; versionNumber: number }) => [h.kind, h.versionNumber])).toEqual([
        ['deploy', 2], ['deploy', 1], ['undeploy', 2], ['deploy', 2], ['deploy', 1],
      ]);
      expect((await admin('POST', '/api/sites/dev-lab/deployments/legacy/rollback', {})).body.versionNumber).toBe(1);
      expect((await admin('POST', '/api/sites/dev-lab/deployments/legacy/rollback', {})).body.code).toBe('nothing_to_roll_back');
      // No first-start admin was created: users existed.
      expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'admin'`)).rows[0]).toEqual({ n: 0 });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
