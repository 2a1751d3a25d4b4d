/**
 * The one database interface the server uses. Two adapters implement it (PGlite embedded,
 * `pg` for real PostgreSQL) so every repository runs the same parameterised SQL on both.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepare the statement once per connection under this name (PostgreSQL only; PGlite runs
   * it unnamed). Only for fixed SQL text on hot paths: each name is one server-side statement.
   */
  name?: string;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script without parameters (migrations only). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL error code of a unique violation / duplicate table. */
export const UNIQUE_VIOLATION = '23505';
export const DUPLICATE_TABLE = '42P07';

export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** `s` as a literal inside a LIKE/ILIKE pattern (PostgreSQL's default escape character is `\\`). */
export const likeLiteral = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);
