-- Dialog events, partitioned by month of `ts` (partitions are created on demand by the
-- ingest and dropped by the retention job). A partitioned table's unique indexes must contain
-- the partition key, so uniqueness of `id` and of (session_id, seq) is kept by the small
-- unpartitioned `dialog_event_keys` table that every insert goes through first.
CREATE TABLE dialog_event_keys (
  id         uuid PRIMARY KEY,
  session_id text NOT NULL,
  seq        integer NOT NULL,
  ts         timestamptz NOT NULL,
  UNIQUE (session_id, seq)
);
CREATE INDEX dialog_event_keys_ts ON dialog_event_keys (ts);

CREATE TABLE dialog_events (
  id           uuid NOT NULL,
  session_id   text NOT NULL,
  seq          integer NOT NULL,
  ts           timestamptz NOT NULL,
  site_id      text NOT NULL,
  terminal_id  text NOT NULL,
  operator_id  text,
  process_key  text NOT NULL,
  version_hash text NOT NULL,
  type         text NOT NULL,
  state        text,
  data         jsonb NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (ts);
-- A session's timeline; the history filters go through dialog_sessions.
CREATE INDEX dialog_events_session ON dialog_events (session_id, seq);
CREATE INDEX dialog_events_site_ts ON dialog_events (site_id, ts);

-- One row per session, maintained by the ingest: what the history list filters and pages on.
CREATE TABLE dialog_sessions (
  session_id   text PRIMARY KEY,
  site_id      text NOT NULL,
  terminal_id  text NOT NULL,
  operator_id  text,
  process_key  text NOT NULL,
  version_hash text NOT NULL,
  started_at   timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  event_count  integer NOT NULL,
  error_count  integer NOT NULL DEFAULT 0,
  ended        boolean NOT NULL DEFAULT false,
  outcome      text
);
CREATE INDEX dialog_sessions_started ON dialog_sessions (started_at DESC, session_id);
CREATE INDEX dialog_sessions_site ON dialog_sessions (site_id, started_at DESC);
CREATE INDEX dialog_sessions_terminal ON dialog_sessions (terminal_id, started_at DESC);
CREATE INDEX dialog_sessions_operator ON dialog_sessions (operator_id, started_at DESC);
CREATE INDEX dialog_sessions_process ON dialog_sessions (process_key, version_hash, started_at DESC);
