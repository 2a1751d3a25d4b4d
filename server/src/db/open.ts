import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface DbOptions {
  /** Real PostgreSQL when set; embedded PGlite otherwise. */
  databaseUrl?: string;
  /** PGlite data directory; `memory` keeps it in memory (tests). */
  dataDir?: string;
  /** PGlite only: start from this data-directory dump (`dumpPglite`) instead of an empty cluster. */
  pgliteTemplate?: Blob;
}

export async function openDb(options: DbOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir === 'memory' ? undefined : (options.dataDir ?? './.data'), options.pgliteTemplate);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
