-- Dashboard figures per site, process, UTC hour and state, so a month of a large site reads a
-- few thousand rows instead of millions of events (server/src/repositories/dashboard.ts).
-- Hours whose events changed are marked dirty by a statement trigger on every insert into
-- dialog_events (late batches from an offline terminal included); the dashboard recomputes the
-- dirty hours of the period it is asked for before reading.
CREATE TABLE dialog_rollup_hourly (
  site_id      text NOT NULL,
  process_key  text NOT NULL,
  hour         timestamptz NOT NULL,
  state        text NOT NULL,          -- '' for events outside any state
  answers      integer NOT NULL DEFAULT 0,
  no_matches   integer NOT NULL DEFAULT 0,
  repeats      integer NOT NULL DEFAULT 0,
  wms_requests integer NOT NULL DEFAULT 0,
  wms_errors   integer NOT NULL DEFAULT 0,
  p2a_sum      double precision NOT NULL DEFAULT 0,  -- prompt → answer, ms
  p2a_n        integer NOT NULL DEFAULT 0,
  a2p_sum      double precision NOT NULL DEFAULT 0,  -- answer → next prompt, ms (by the answer's state)
  a2p_n        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, process_key, hour, state)
);
CREATE INDEX dialog_rollup_hourly_process ON dialog_rollup_hourly (process_key, hour);

CREATE TABLE dialog_rollup_dirty (
  site_id     text NOT NULL,
  process_key text NOT NULL,
  hour        timestamptz NOT NULL,
  PRIMARY KEY (site_id, process_key, hour)
);
CREATE INDEX dialog_rollup_dirty_hour ON dialog_rollup_dirty (hour);

-- The hour after too: its first wait may pair with an event of this hour.
CREATE FUNCTION dialog_rollup_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dialog_rollup_dirty (site_id, process_key, hour)
  SELECT DISTINCT n.site_id, n.process_key, h.hour
    FROM new_rows n, LATERAL (VALUES (date_trunc('hour', n.ts, 'UTC')), (date_trunc('hour', n.ts, 'UTC') + interval '1 hour')) h(hour)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER dialog_events_rollup AFTER INSERT ON dialog_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dialog_rollup_mark();

-- Events logged before this migration: every hour of them is dirty.
INSERT INTO dialog_rollup_dirty (site_id, process_key, hour)
SELECT DISTINCT site_id, process_key, date_trunc('hour', ts, 'UTC') FROM dialog_events
ON CONFLICT DO NOTHING;
