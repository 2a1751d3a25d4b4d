import type { Db, Queryable } from '../db/db.js';
import { notFound } from '../errors.js';

export interface WmsBases {
  environment: string;
  bases: string[];
}

/** Per environment, the WMS base URLs the simulator may call (already normalised by the caller). */
export function wmsBasesRepository(db: Db) {
  async function requireEnvironment(q: Queryable, environment: string): Promise<void> {
    const { rows } = await q.query('SELECT 1 FROM environments WHERE name = $1', [environment]);
    if (!rows[0]) throw notFound(`environment ${environment}`);
  }
  return {
    async get(environment: string): Promise<WmsBases> {
      await requireEnvironment(db, environment);
      const { rows } = await db.query<{ base_url: string }>('SELECT base_url FROM wms_bases WHERE environment = $1 ORDER BY position', [environment]);
      return { environment, bases: rows.map((r) => r.base_url) };
    },

    /** Replaces the environment's list. */
    async put(environment: string, bases: string[], by: string): Promise<WmsBases> {
      return db.transaction(async (tx) => {
        await requireEnvironment(tx, environment);
        await tx.query('DELETE FROM wms_bases WHERE environment = $1', [environment]);
        for (const [i, base] of bases.entries()) {
          await tx.query('INSERT INTO wms_bases (environment, base_url, position, updated_by) VALUES ($1, $2, $3, $4)', [environment, base, i, by]);
        }
        return { environment, bases };
      });
    },

    /** The bases of one environment, or of every environment when none is named. */
    async allowed(environment?: string): Promise<string[]> {
      const { rows } = environment === undefined
        ? await db.query<{ base_url: string }>('SELECT DISTINCT base_url FROM wms_bases ORDER BY base_url')
        : await db.query<{ base_url: string }>('SELECT base_url FROM wms_bases WHERE environment = $1 ORDER BY position', [environment]);
      return rows.map((r) => r.base_url);
    },
  };
}
export type WmsBasesRepository = ReturnType<typeof wmsBasesRepository>;
