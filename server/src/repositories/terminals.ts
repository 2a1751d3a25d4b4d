import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { hashToken, newToken } from '../auth/password.js';
import { notFound } from '../errors.js';
import type { Heartbeat, HeartbeatStatus, TerminalDevice } from '../routes/terminal-schemas.js';

export interface Terminal {
  id: string;
  siteId: string;
  name: string;
}

/** How long terminal tokens live and how long a rotated-away token keeps working. */
export interface TokenPolicy {
  /** 0 = tokens never expire. */
  lifetimeDays: number;
  graceSeconds: number;
}
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { lifetimeDays: 365, graceSeconds: 15 * 60 };

/** When a token issued at `issuedAt` stops working (ISO), or null when tokens never expire. */
export const tokenExpiresAt = (issuedAt: Date, policy: TokenPolicy): string | null =>
  policy.lifetimeDays > 0 ? new Date(issuedAt.getTime() + policy.lifetimeDays * 86_400_000).toISOString() : null;

export type { Heartbeat, HeartbeatStatus, TerminalDevice };
const STATUS_FIELDS = ['queue', 'battery', 'wifi', 'operatorId', 'processKey', 'state'] as const satisfies readonly (keyof HeartbeatStatus)[];

export function terminalsRepository(db: Db) {
  return {
    /**
     * The token is returned once; only its hash is stored. `q` is a transaction when pairing
     * (the code is used up only if the terminal is created).
     */
    async register(siteId: string, name: string, device: TerminalDevice | null = null, q: Queryable = db): Promise<Terminal & { token: string; issuedAt: Date }> {
      const site = await q.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
      if (site.rows.length === 0) throw notFound(`site ${siteId}`);
      const id = randomUUID();
      const token = newToken();
      const { rows } = await q.query<{ issued: Date | string }>(
        'INSERT INTO terminals (id, site_id, name, token_hash, device) VALUES ($1, $2, $3, $4, $5) RETURNING token_issued_at AS issued',
        [id, siteId, name, hashToken(token), device && JSON.stringify(device)],
      );
      return { id, siteId, name, token, issuedAt: new Date(rows[0]!.issued) };
    },

    /**
     * The terminal a token belongs to, and until when the token works (epoch ms; null = no
     * expiry): the current token `lifetimeDays` after it was issued, the one rotated away from
     * until its grace period ends.
     */
    async byToken(token: string, lifetimeDays = 0): Promise<{ terminal: Terminal; validUntil: number | null } | undefined> {
      const hash = hashToken(token);
      const { rows } = await db.query<Terminal & { current: boolean; issuedAt: Date | string; previousUntil: Date | string | null }>(
        `SELECT id, site_id AS "siteId", name, token_hash = $1 AS current, token_issued_at AS "issuedAt", previous_token_until AS "previousUntil"
           FROM terminals WHERE token_hash = $1 OR previous_token_hash = $1`,
        [hash],
      );
      const r = rows[0];
      if (!r) return undefined;
      const validUntil = !r.current ? new Date(r.previousUntil ?? 0).getTime() : lifetimeDays > 0 ? new Date(r.issuedAt).getTime() + lifetimeDays * 86_400_000 : null;
      return { terminal: { id: r.id, siteId: r.siteId, name: r.name }, validUntil };
    },

    /**
     * A new token for the terminal (returned once). The token it replaces keeps working for
     * `graceSeconds` (0 = refused at once). A terminal that rotates again with the token it
     * rotated away from (it lost the answer) gets another new token; that old one keeps its grace.
     */
    async rotateToken(id: string, graceSeconds: number, presented?: string): Promise<{ token: string; issuedAt: Date }> {
      const token = newToken();
      const { rows } = await db.query<{ issued: Date | string }>(
        `UPDATE terminals SET
           previous_token_hash = CASE WHEN $3::text IS NOT NULL AND previous_token_hash = $3 THEN previous_token_hash
                                      WHEN $2::int > 0 THEN token_hash END,
           previous_token_until = CASE WHEN $3::text IS NOT NULL AND previous_token_hash = $3 THEN previous_token_until
                                       WHEN $2::int > 0 THEN now() + make_interval(secs => $2::int) END,
           token_hash = $4, token_issued_at = now()
         WHERE id = $1 RETURNING token_issued_at AS issued`,
        [id, graceSeconds, presented === undefined ? null : hashToken(presented), hashToken(token)],
      );
      if (!rows[0]) throw notFound(`terminal ${id}`);
      return { token, issuedAt: new Date(rows[0].issued) };
    },

    /**
     * Devices with what their last heartbeat reported (`machines`: the processes and hashes they
     * run; `status`: queue, battery, wifi, operator, process, state; `device`: model and OS).
     */
    async list() {
      const { rows } = await db.query<Terminal & { lastSeenAt: Date | null; tokenIssuedAt: Date; shellVersion: string | null; webVersion: string | null; runtimeVersion: string | null; machines: Heartbeat['machines']; status: HeartbeatStatus | null; device: TerminalDevice | null }>(
        `SELECT id, site_id AS "siteId", name, last_seen_at AS "lastSeenAt", token_issued_at AS "tokenIssuedAt", shell_version AS "shellVersion", web_version AS "webVersion",
                runtime_version AS "runtimeVersion", coalesce(machines, '[]'::jsonb) AS machines, status, device FROM terminals ORDER BY site_id, name`,
      );
      return rows.map(({ status, ...r }) => ({ ...r, ...(status ?? {}), tokenIssuedAt: new Date(r.tokenIssuedAt), lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt).toISOString() : null }));
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
