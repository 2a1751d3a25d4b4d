import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import type { Db } from './db.js';

/** SQL files live beside the sources and are copied next to dist/ by the build. */
const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * Applies pending migrations (tracked in `schemaversion`); the same files on PGlite and
 * PostgreSQL. `to` stops at that version (tests of an upgrade from an older schema).
 */
export async function migrate(db: Db, to?: string): Promise<number> {
  const postgrator = new Postgrator({
    driver: 'pg',
    migrationPattern: `${migrationsDir.replace(/\\/g, '/')}*.sql`,
    schemaTable: 'schemaversion',
    execQuery: (sql) => db.query(sql),
    execSqlScript: (sql) => db.exec(sql),
  });
  const applied = await postgrator.migrate(to);
  return applied.length;
}
