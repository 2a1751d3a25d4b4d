/**
 * Reference tables as the console reads them: the list, every revision with who and when, and
 * which published versions froze which revision. A version freezes the revisions it read at
 * publish into its machine (`meta.vm.reference.<table>.revision`, compiler/src/reference.ts),
 * so that is where this looks: no second record that could disagree with the hash.
 */
import type { Db } from '../db/db.js';
import { notFound } from '../errors.js';
import type { ReferenceTable } from './reference.js';

export interface ReferenceTableSummary {
  name: string;
  revision: number;
  rows: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ReferenceRevision {
  revision: number;
  rows: number;
  updatedAt: string;
  updatedBy: string;
  /** Published versions whose machine froze this revision. */
  frozenBy: { processKey: string; versionNumber: number }[];
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function referenceHistoryRepository(db: Db) {
  return {
    async list(): Promise<ReferenceTableSummary[]> {
      const { rows } = await db.query<{ name: string; revision: number; rows: number; updated_at: Date | string; updated_by: string }>(
        `SELECT DISTINCT ON (name) name, revision, jsonb_array_length(rows) AS rows, updated_at, updated_by
           FROM reference_tables ORDER BY name, revision DESC`,
      );
      return rows.map((r) => ({ name: r.name, revision: r.revision, rows: r.rows, updatedAt: iso(r.updated_at), updatedBy: r.updated_by }));
    },

    /** Every revision, newest first, each with the versions that froze it. */
    async revisions(name: string): Promise<ReferenceRevision[]> {
      const [revs, frozen] = await Promise.all([
        db.query<{ revision: number; rows: number; updated_at: Date | string; updated_by: string }>(
          'SELECT revision, jsonb_array_length(rows) AS rows, updated_at, updated_by FROM reference_tables WHERE name = $1 ORDER BY revision DESC', [name]),
        db.query<{ process_key: string; number: number; revision: number }>(
          `SELECT process_key, number, (machine->'meta'->'vm'->'reference'->$1->>'revision')::int AS revision
             FROM versions WHERE machine->'meta'->'vm'->'reference'->$1 IS NOT NULL ORDER BY process_key, number`, [name]),
      ]);
      if (revs.rows.length === 0) throw notFound(`reference table ${name}`);
      return revs.rows.map((r) => ({
        revision: r.revision, rows: r.rows, updatedAt: iso(r.updated_at), updatedBy: r.updated_by,
        frozenBy: frozen.rows.filter((f) => f.revision === r.revision).map((f) => ({ processKey: f.process_key, versionNumber: f.number })),
      }));
    },

    async revision(name: string, revision: number): Promise<ReferenceTable> {
      const { rows } = await db.query<{ name: string; revision: number; rows: ReferenceTable['rows']; updated_at: Date | string; updated_by: string }>(
        'SELECT name, revision, rows, updated_at, updated_by FROM reference_tables WHERE name = $1 AND revision = $2', [name, revision]);
      const r = rows[0];
      if (!r) throw notFound(`revision ${revision} of reference table ${name}`);
      return { name: r.name, revision: r.revision, rows: r.rows, updatedAt: iso(r.updated_at), updatedBy: r.updated_by };
    },
  };
}
export type ReferenceHistoryRepository = ReturnType<typeof referenceHistoryRepository>;
