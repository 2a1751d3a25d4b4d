-- Scenarios (issue 12): stored per process (not per version), their runs with one row per
-- scenario result, the process's publish gate, and the nightly job's claimed slots.
ALTER TABLE processes ADD COLUMN scenario_gate text NOT NULL DEFAULT 'warn' CHECK (scenario_gate IN ('off', 'warn', 'block'));

CREATE TABLE scenarios (
  id          uuid PRIMARY KEY,
  process_key text NOT NULL REFERENCES processes (key) ON DELETE CASCADE,
  name        text NOT NULL,
  scenario    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL,
  UNIQUE (process_key, name)
);

-- target_version NULL = the draft. A run of a deleted process goes with it.
CREATE TABLE scenario_runs (
  id             uuid PRIMARY KEY,
  process_key    text NOT NULL REFERENCES processes (key) ON DELETE CASCADE,
  target_version integer,
  trigger        text NOT NULL CHECK (trigger IN ('manual', 'publish', 'nightly')),
  status         text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  error          text,
  total          integer NOT NULL,
  done           integer NOT NULL DEFAULT 0,
  passed         integer NOT NULL DEFAULT 0,
  failed         integer NOT NULL DEFAULT 0,
  coverage       jsonb,
  started_at     timestamptz NOT NULL DEFAULT now(),
  -- Progress heartbeat: a run that stops moving (its server stopped) is reported as failed.
  updated_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  started_by     text
);
CREATE INDEX scenario_runs_process ON scenario_runs (process_key, started_at DESC);

-- No foreign key to scenarios: a result outlives its scenario's deletion.
CREATE TABLE scenario_run_results (
  run_id      uuid NOT NULL REFERENCES scenario_runs (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  scenario_id uuid NOT NULL,
  name        text NOT NULL,
  passed      boolean NOT NULL,
  difference  jsonb,
  steps       integer NOT NULL,
  taken       jsonb NOT NULL,
  view        jsonb,
  PRIMARY KEY (run_id, position)
);
CREATE INDEX scenario_run_results_scenario ON scenario_run_results (scenario_id);

-- One row per nightly slot (UTC date): the server whose INSERT wins runs it, the others skip.
CREATE TABLE scenario_nightly_slots (
  slot       date PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  claimed_by text NOT NULL
);
