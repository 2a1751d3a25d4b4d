-- Users, browser sessions, processes with drafts, immutable versions, environments, sites,
-- deployments, reference data, terminals.
CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('designer', 'tester', 'admin')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_sessions (
  token_hash text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE processes (
  key        text PRIMARY KEY,
  name       text NOT NULL,
  revision   integer NOT NULL DEFAULT 1,
  graph      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- No foreign key to processes: versions outlive a deleted draft.
CREATE TABLE versions (
  process_key text NOT NULL,
  number      integer NOT NULL,
  hash        text NOT NULL,
  note        text NOT NULL DEFAULT '',
  author      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  graph       jsonb NOT NULL,
  machine     jsonb NOT NULL,
  PRIMARY KEY (process_key, number)
);
CREATE INDEX versions_hash ON versions (hash);

CREATE TABLE environments (
  name     text PRIMARY KEY,
  position integer NOT NULL
);

CREATE TABLE sites (
  id          text PRIMARY KEY,
  environment text NOT NULL REFERENCES environments (name),
  name        text NOT NULL
);

CREATE TABLE deployments (
  id             bigserial PRIMARY KEY,
  site_id        text NOT NULL REFERENCES sites (id),
  process_key    text NOT NULL,
  version_number integer NOT NULL,
  deployed_at    timestamptz NOT NULL DEFAULT now(),
  deployed_by    text NOT NULL,
  FOREIGN KEY (process_key, version_number) REFERENCES versions (process_key, number)
);
CREATE INDEX deployments_site ON deployments (site_id, process_key, id DESC);

CREATE TABLE reference_tables (
  name       text NOT NULL,
  revision   integer NOT NULL,
  rows       jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (name, revision)
);

CREATE TABLE terminals (
  id              text PRIMARY KEY,
  site_id         text NOT NULL REFERENCES sites (id),
  name            text NOT NULL,
  token_hash      text NOT NULL UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz,
  shell_version   text,
  runtime_version text,
  machines        jsonb
);

INSERT INTO environments (name, position) VALUES ('development', 1), ('test', 2), ('production', 3);
INSERT INTO sites (id, environment, name) VALUES
  ('dev-lab', 'development', 'Dev lab'),
  ('test-lab', 'test', 'Test lab'),
  ('pilot-dc-1', 'production', 'Pilot DC 1'),
  ('pilot-dc-2', 'production', 'Pilot DC 2');
