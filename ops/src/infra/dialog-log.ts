/** What the dialog log holds, read straight from PostgreSQL (checks and sizing). */
import pg from 'pg';

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface LogSize {
  events: number;
  /** pg_total_relation_size (heap, TOAST, indexes) of the monthly partitions. */
  partitionBytes: number;
  /** The same for dialog_event_keys (one row per event) and dialog_sessions. */
  keyBytes: number;
  sessionBytes: number;
}

export async function logSize(url: string): Promise<LogSize> {
  return withClient(url, async (c) => {
    await c.query('CHECKPOINT');
    const { rows } = await c.query<{ events: string; partitions: string; keys: string; sessions: string }>(
      `SELECT (SELECT count(*) FROM dialog_events) AS events,
              (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits WHERE inhparent = 'dialog_events'::regclass) AS partitions,
              pg_total_relation_size('dialog_event_keys') AS keys, pg_total_relation_size('dialog_sessions') AS sessions`,
    );
    const r = rows[0]!;
    return { events: Number(r.events), partitionBytes: Number(r.partitions), keyBytes: Number(r.keys), sessionBytes: Number(r.sessions) };
  });
}

/** Ids stored more than once, and ids of `expected` that are missing. */
export async function checkExactlyOnce(url: string, expected: string[]): Promise<{ stored: number; duplicated: number; missing: string[] }> {
  return withClient(url, async (c) => {
    const dup = await c.query<{ n: string }>('SELECT count(*) AS n FROM (SELECT id FROM dialog_events GROUP BY id HAVING count(*) > 1) d');
    const total = await c.query<{ n: string }>('SELECT count(*) AS n FROM dialog_events');
    const missing: string[] = [];
    for (let i = 0; i < expected.length; i += 10_000) {
      const part = expected.slice(i, i + 10_000);
      const { rows } = await c.query<{ id: string }>(
        'SELECT x.id FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM dialog_events e WHERE e.id = x.id)',
        [part],
      );
      missing.push(...rows.map((r) => r.id));
    }
    return { stored: Number(total.rows[0]!.n), duplicated: Number(dup.rows[0]!.n), missing };
  });
}

/**
 * Time PostgreSQL spent in the dashboard's rollup trigger (`dialog_rollup_mark`, one call per
 * ingest statement), from pg_stat_user_functions: needs `track_functions = pl`.
 */
export async function rollupTriggerTime(url: string): Promise<{ calls: number; totalMs: number }> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ calls: string; total: number }>(
      "SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_time), 0) AS total FROM pg_stat_user_functions WHERE funcname = 'dialog_rollup_mark'",
    );
    return { calls: Number(rows[0]!.calls), totalMs: Number(rows[0]!.total) };
  });
}
