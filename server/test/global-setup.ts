import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../src/testing/postgres.js';

/** One throw-away PostgreSQL 15 cluster for the whole server suite; each file makes its own database. */
export default async function setup(project: TestProject) {
  const pg = await startTestPostgres();
  // Read back with `inject('pgUrl')` in test/backends.ts.
  (project.provide as (key: string, value: unknown) => void)('pgUrl', pg.url);
  return async () => pg.stop();
}
