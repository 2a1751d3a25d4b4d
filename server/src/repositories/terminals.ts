import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { hashToken, newToken } from '../auth/password.js';
import { notFound } from '../errors.js';

export interface Terminal {
  id: string;
  siteId: string;
  name: string;
}

/** How a device describes itself (model, OS, app id...): short strings only (see the route schema). */
export type TerminalDevice = Record<string, string>;

/** What a heartbeat reports beyond versions and machines (all optional: old clients send none). */
export interface HeartbeatStatus {
  queue?: { backlog: number; rejected: number };
  battery?: { level: number; charging?: boolean };
  wifi?: { connected: boolean; ssid?: string; rssi?: number };
  operatorId?: string | null;
  processKey?: string | null;
  state?: string | null;
}
const STATUS_FIELDS = ['queue', 'battery', 'wifi', 'operatorId', 'processKey', 'state'] as const satisfies readonly (keyof HeartbeatStatus)[];

export interface Heartbeat extends HeartbeatStatus {
  shellVersion: string;
  runtimeVersion: string;
  webVersion?: string;
  machines: { processKey: string; hash: string }[];
  device?: TerminalDevice;
}

export function terminalsRepository(db: Db) {
  return {
    /**
     * The token is returned once; only its hash is stored. `q` is a transaction when pairing
     * (the code is used up only if the terminal is created).
     */
    async register(siteId: string, name: string, device: TerminalDevice | null = null, q: Queryable = db): Promise<Terminal & { token: string }> {
      const site = await q.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
      if (site.rows.length === 0) throw notFound(`site ${siteId}`);
      const id = randomUUID();
      const token = newToken();
      await q.query('INSERT INTO terminals (id, site_id, name, token_hash, device) VALUES ($1, $2, $3, $4, $5)', [id, siteId, name, hashToken(token), device && JSON.stringify(device)]);
      return { id, siteId, name, token };
    },

    async byToken(token: string): Promise<Terminal | undefined> {
      const { rows } = await db.query<Terminal>(
        'SELECT id, site_id AS "siteId", name FROM terminals WHERE token_hash = $1',
        [hashToken(token)],
      );
      return rows[0];
    },

    /**
     * Devices with what their last heartbeat reported (`machines`: the processes and hashes they
     * run; `status`: queue, battery, wifi, operator, process, state; `device`: model and OS).
     */
    async list() {
      const { rows } = await db.query<Terminal & { lastSeenAt: Date | null; shellVersion: string | null; webVersion: string | null; runtimeVersion: string | null; machines: unknown; status: HeartbeatStatus | null; device: TerminalDevice | null }>(
        `SELECT id, site_id AS "siteId", name, last_seen_at AS "lastSeenAt", shell_version AS "shellVersion", web_version AS "webVersion",
                runtime_version AS "runtimeVersion", coalesce(machines, '[]'::jsonb) AS machines, status, device FROM terminals ORDER BY site_id, name`,
      );
      return rows.map(({ status, ...r }) => ({ ...r, ...(status ?? {}), lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt).toISOString() : null }));
    },

    /** Revokes a device: its token stops working (the caller also forgets it in the token cache). */
    async remove(id: string): Promise<void> {
      const { rowCount } = await db.query('DELETE FROM terminals WHERE id = $1', [id]);
      if (rowCount === 0) throw notFound(`terminal ${id}`);
    },

    /** Stores what a heartbeat reports; fields an old client does not send are cleared, the device kept. */
    async heartbeat(id: string, beat: Heartbeat): Promise<string> {
      const { shellVersion, runtimeVersion, machines, webVersion, device, ...rest } = beat;
      const status: HeartbeatStatus = {};
      for (const key of STATUS_FIELDS) if (rest[key] !== undefined) (status as Record<string, unknown>)[key] = rest[key];
      const { rows } = await db.query<{ last_seen_at: Date | string }>(
        `UPDATE terminals SET last_seen_at = now(), shell_version = $2, runtime_version = $3, machines = $4, web_version = $5,
                status = $6, device = coalesce($7, device)
          WHERE id = $1 RETURNING last_seen_at`,
        [id, shellVersion, runtimeVersion, JSON.stringify(machines), webVersion ?? null, JSON.stringify(status), device ? JSON.stringify(device) : null],
      );
      if (rows.length === 0) throw notFound(`terminal ${id}`);
      return new Date(rows[0]!.last_seen_at).toISOString();
    },
  };
}
export type TerminalsRepository = ReturnType<typeof terminalsRepository>;
