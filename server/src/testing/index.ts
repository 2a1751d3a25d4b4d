/**
 * `@voiceman/server/testing`: helpers for tests and benchmarks, kept out of the production entry
 * (they spawn `initdb`/`pg_ctl`). Not imported by the server itself.
 */
export { startTestPostgres, type TestPostgres } from './postgres.js';
export { dumpPglite } from '../db/pglite.js';
