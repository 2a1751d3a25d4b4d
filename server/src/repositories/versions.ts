import type { Db } from '../db/db.js';
import type { CalleeRef } from '../compile.js';
import { HttpError, notFound } from '../errors.js';
import type { VersionSummary } from '../api-types.js';

export type { VersionSummary };
export interface Version extends VersionSummary {
  processKey: string;
  graph: unknown;
  machine: unknown;
  /** Published versions of called processes the machine inlines. */
  callees: CalleeRef[];
}

interface Row {
  process_key: string;
  number: number;
  hash: string;
  note: string;
  author: string;
  created_at: Date | string;
  graph?: unknown;
  machine?: unknown;
  callees?: CalleeRef[];
}

const summary = (r: Row): VersionSummary => ({
  number: r.number,
  hash: r.hash,
  note: r.note,
  author: r.author,
  createdAt: new Date(r.created_at).toISOString(),
});

export interface NewVersion {
  processKey: string;
  /** The draft revision that was compiled: publishing a draft that moved on since is refused. */
  revision: number;
  graph: unknown;
  machine: unknown;
  hash: string;
  note: string;
  author: string;
  callees?: CalleeRef[];
}

export function versionsRepository(db: Db) {
  return {
    async list(processKey: string): Promise<VersionSummary[]> {
      const { rows } = await db.query<Row>(
        'SELECT process_key, number, hash, note, author, created_at FROM versions WHERE process_key = $1 ORDER BY number DESC',
        [processKey],
      );
      return rows.map(summary);
    },

    async get(processKey: string, number: number): Promise<Version> {
      const { rows } = await db.query<Row>('SELECT * FROM versions WHERE process_key = $1 AND number = $2', [processKey, number]);
      const r = rows[0];
      if (!r) throw notFound(`version ${number} of ${processKey}`);
      return { ...summary(r), processKey: r.process_key, graph: r.graph, machine: r.machine, callees: r.callees ?? [] };
    },

    /** The newest version's number and graph (what a subflow calling it in `published` form runs). */
    async latest(processKey: string): Promise<{ number: number; graph: unknown } | undefined> {
      const { rows } = await db.query<{ number: number; graph: unknown }>(
        'SELECT number, graph FROM versions WHERE process_key = $1 ORDER BY number DESC LIMIT 1', [processKey],
      );
      return rows[0];
    },

    /** The newest version's number and hash (a publish of the same machine is `no_change`). */
    async latestHash(processKey: string): Promise<{ number: number; hash: string } | undefined> {
      const { rows } = await db.query<{ number: number; hash: string }>(
        'SELECT number, hash FROM versions WHERE process_key = $1 ORDER BY number DESC LIMIT 1', [processKey],
      );
      return rows[0];
    },

    /** Versions are immutable: only ever inserted, numbered under a row lock on the process. */
    async insert(v: NewVersion): Promise<VersionSummary> {
      return db.transaction(async (tx) => {
        const lock = await tx.query<{ revision: number }>('SELECT revision FROM processes WHERE key = $1 FOR UPDATE', [v.processKey]);
        const current = lock.rows[0];
        if (!current) throw notFound(`process ${v.processKey}`);
        if (current.revision !== v.revision) {
          throw new HttpError(409, 'revision_conflict', 'the draft changed while it was being published', { revision: current.revision });
        }
        const { rows } = await tx.query<Row>(
          `INSERT INTO versions (process_key, number, hash, note, author, graph, machine, callees)
           SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7 FROM versions WHERE process_key = $1
           RETURNING process_key, number, hash, note, author, created_at`,
          [v.processKey, v.hash, v.note, v.author, JSON.stringify(v.graph), JSON.stringify(v.machine), JSON.stringify(v.callees ?? [])],
        );
        return summary(rows[0]!);
      });
    },
  };
}
export type VersionsRepository = ReturnType<typeof versionsRepository>;
