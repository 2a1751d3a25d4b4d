import type { Db } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';

export interface ReferenceRow {
  key: string;
  value: string;
}
export interface ReferenceTable {
  name: string;
  revision: number;
  rows: ReferenceRow[];
  updatedAt: string;
  updatedBy: string;
}

interface Row {
  name: string;
  revision: number;
  rows: ReferenceRow[];
  updated_at: Date | string;
  updated_by: string;
}
const toTable = (r: Row): ReferenceTable => ({
  name: r.name,
  revision: r.revision,
  rows: r.rows,
  updatedAt: new Date(r.updated_at).toISOString(),
  updatedBy: r.updated_by,
});

/** Each PUT adds a revision; reads return the newest. Old revisions stay for audit. */
export function referenceRepository(db: Db) {
  return {
    async find(name: string): Promise<ReferenceTable | undefined> {
      const { rows } = await db.query<Row>('SELECT * FROM reference_tables WHERE name = $1 ORDER BY revision DESC LIMIT 1', [name]);
      return rows[0] ? toTable(rows[0]) : undefined;
    },
    async get(name: string): Promise<ReferenceTable> {
      const table = await this.find(name);
      if (!table) throw notFound(`reference table ${name}`);
      return table;
    },
    /**
     * `expectRevision`: the revision the writer last read (null: the table must not exist yet);
     * another one found under the lock is 409 `stale_revision`. Undefined: no check.
     */
    async put(name: string, tableRows: ReferenceRow[], by: string, expectRevision?: number | null): Promise<ReferenceTable> {
      return db.transaction(async (tx) => {
        // Serialises concurrent PUTs of one table: the second waits and takes the next number.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reference:${name}`]);
        if (expectRevision !== undefined) {
          const { rows } = await tx.query<{ revision: number | null }>('SELECT max(revision) AS revision FROM reference_tables WHERE name = $1', [name]);
          const now = rows[0]?.revision ?? null;
          if (now !== expectRevision) {
            throw new HttpError(409, 'stale_revision', `${name} is at revision ${now ?? 'none'} now, not ${expectRevision ?? 'none'}: someone saved it meanwhile; look again before saving`, { revision: now });
          }
        }
        const { rows } = await tx.query<Row>(
          `INSERT INTO reference_tables (name, revision, rows, updated_by)
           SELECT $1, coalesce(max(revision), 0) + 1, $2, $3 FROM reference_tables WHERE name = $1 RETURNING *`,
          [name, JSON.stringify(tableRows), by],
        );
        return toTable(rows[0]!);
      });
    },
  };
}
export type ReferenceRepository = ReturnType<typeof referenceRepository>;
