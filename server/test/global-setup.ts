import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db/migrate.js';
import { dumpPglite } from '../src/db/pglite.js';
import { startTestPostgres } from '../src/testing/postgres.js';

/**
 * Once for the whole server suite: a throw-away PostgreSQL 15 cluster (each file makes its own
 * database) and one migrated PGlite dumped to a file that every PGlite test boots from
 * (booting from a dump skips initdb and the migrations, which cost ~10 s each on a busy machine).
 */
export default async function setup(project: TestProject) {
  const [pg, template] = await Promise.all([startTestPostgres(), dumpPglite(migrate)]);
  const dir = await mkdtemp(join(tmpdir(), 'voiceman-template-'));
  const templatePath = join(dir, 'pglite-migrated.tar');
  await writeFile(templatePath, Buffer.from(await template.arrayBuffer()));
  // Read back with `inject(...)` in test/backends.ts.
  const provide = project.provide as (key: string, value: unknown) => void;
  provide('pgUrl', pg.url);
  provide('pgliteTemplate', templatePath);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
