import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import { hashToken, newToken } from '../auth/password.js';
import { notFound } from '../errors.js';

export interface Terminal {
  id: string;
  siteId: string;
  name: string;
}

export function terminalsRepository(db: Db) {
  return {
    /** The token is returned once; only its hash is stored. */
    async register(siteId: string, name: string): Promise<Terminal & { token: string }> {
      const site = await db.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
      if (site.rows.length === 0) throw notFound(`site ${siteId}`);
      const id = randomUUID();
      const token = newToken();
      await db.query('INSERT INTO terminals (id, site_id, name, token_hash) VALUES ($1, $2, $3, $4)', [id, siteId, name, hashToken(token)]);
      return { id, siteId, name, token };
    },

    async byToken(token: string): Promise<Terminal | undefined> {
      const { rows } = await db.query<Terminal>(
        'SELECT id, site_id AS "siteId", name FROM terminals WHERE token_hash = $1',
        [hashToken(token)],
      );
      return rows[0];
    },

    /** Devices with what their last heartbeat reported (`machines`: the processes and hashes they run). */
    async list() {
      const { rows } = await db.query<Terminal & { lastSeenAt: Date | null; shellVersion: string | null; runtimeVersion: string | null; machines: unknown }>(
        `SELECT id, site_id AS "siteId", name, last_seen_at AS "lastSeenAt", shell_version AS "shellVersion",
                runtime_version AS "runtimeVersion", coalesce(machines, '[]'::jsonb) AS machines FROM terminals ORDER BY site_id, name`,
      );
      return rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt).toISOString() : null }));
    },

    /** Revokes a device: its token stops working (the caller also forgets it in the token cache). */
    async remove(id: string): Promise<void> {
      const { rowCount } = await db.query('DELETE FROM terminals WHERE id = $1', [id]);
      if (rowCount === 0) throw notFound(`terminal ${id}`);
    },

    async heartbeat(id: string, shellVersion: string, runtimeVersion: string, machines: unknown): Promise<string> {
      const { rows } = await db.query<{ last_seen_at: Date | string }>(
        `UPDATE terminals SET last_seen_at = now(), shell_version = $2, runtime_version = $3, machines = $4
          WHERE id = $1 RETURNING last_seen_at`,
        [id, shellVersion, runtimeVersion, JSON.stringify(machines)],
      );
      return new Date(rows[0]!.last_seen_at).toISOString();
    },
  };
}
export type TerminalsRepository = ReturnType<typeof terminalsRepository>;
