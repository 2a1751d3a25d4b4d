import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import type { Db, Queryable, QueryResult } from './db.js';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const res = await target.query<R>(sql, params);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
  };
}

function adapt(pg: PGlite, release: () => Promise<void> = async () => {}): Db {
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (script) => {
      await pg.exec(script);
    },
    close: async () => {
      await pg.close();
      await release();
    },
  };
}

/**
 * Embedded PostgreSQL (WASM). `dataDir` undefined = in memory (tests). `template` is a data
 * directory dump (`dumpPglite`) to start from instead of running initdb: booting from a dump
 * skips the slowest part of a PGlite start (tests clone one migrated database this way).
 */
export async function openPglite(dataDir?: string, template?: Blob): Promise<Db> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // Before PGlite touches a file: a second server on the same directory is refused by name.
  const release = dataDir ? await lockDataDir(dataDir) : undefined;
  try {
    const pg = new PGlite({ dataDir, loadDataDir: template });
    await pg.waitReady;
    return adapt(pg, release);
  } catch (err) {
    await release?.();
    throw err;
  }
}

/** An in-memory PGlite prepared by `setup`, dumped as an uncompressed tar (a `template`). */
export async function dumpPglite(setup: (db: Db) => Promise<unknown>): Promise<Blob> {
  const pg = new PGlite();
  try {
    await pg.waitReady;
    await setup(adapt(pg));
    return await pg.dumpDataDir('none');
  } finally {
    await pg.close();
  }
}
