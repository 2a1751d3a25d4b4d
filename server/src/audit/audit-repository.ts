import type { Db, Queryable } from '../db/db.js';
import { likeLiteral } from '../db/db.js';
import { scrubJson } from '../guards/text.js';

/** One thing someone did: what the audit log keeps (append-only, migration 013). */
export interface AuditEntry {
  /** Dotted name, e.g. `deployment.deploy` (docs/api.md lists them). */
  action: string;
  /** What it acted on, in words a reader of the log understands (`case-picking@3 → dc1`). */
  target: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  /** Username, or `system` for what the server did by itself (an automatic rollback). */
  actor: string;
  actorId?: number | null;
  address?: string | null;
}

export interface AuditRecord extends AuditEntry, AuditActor {
  id: number;
  at: string;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  /** Substring of the target, case-insensitive. */
  target?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (paging backwards from the newest). */
  before?: number;
  limit?: number;
}

interface Row {
  id: string;
  at: Date;
  actor: string;
  actor_id: number | null;
  address: string | null;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

const toRecord = (r: Row): AuditRecord => ({
  id: Number(r.id),
  at: r.at.toISOString(),
  actor: r.actor,
  actorId: r.actor_id,
  address: r.address,
  action: r.action,
  target: r.target,
  before: r.before,
  after: r.after,
});

/** jsonb holds neither NUL nor a lone surrogate: the log keeps the rest of what was said (U+FFFD in their place) rather than losing the entry. */
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(scrubJson(v)));

export function auditRepository(db: Db) {
  return {
    async record(entry: AuditEntry & AuditActor, q: Queryable = db): Promise<void> {
      await q.query('INSERT INTO audit_log (actor, actor_id, address, action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)', [
        entry.actor,
        entry.actorId ?? null,
        entry.address ?? null,
        entry.action,
        scrubJson(entry.target),
        json(entry.before),
        json(entry.after),
      ]);
    },

    /** Newest first. */
    async list(filter: AuditFilter = {}): Promise<AuditRecord[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (filter.action !== undefined) add('action = ?', filter.action);
      if (filter.actor !== undefined) add('actor = ?', filter.actor);
      if (filter.target !== undefined) add('target ILIKE ?', `%${likeLiteral(filter.target)}%`);
      if (filter.from !== undefined) add('at >= ?', filter.from);
      if (filter.to !== undefined) add('at < ?', filter.to);
      if (filter.before !== undefined) add('id < ?', filter.before);
      params.push(Math.min(Math.max(filter.limit ?? 100, 1), 10_000));
      const { rows } = await db.query<Row>(
        `SELECT id, at, actor, actor_id, address, action, target, before, after FROM audit_log
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(toRecord);
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
