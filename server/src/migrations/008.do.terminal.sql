-- The terminal (issue 11): pairing codes, what a heartbeat reports, shell releases the server
-- hands out, and per-operator speech settings.

-- What the last heartbeat reported beyond versions and machines (queue, battery, wifi,
-- operator, process, state), and the device as it described itself at pairing / heartbeat.
ALTER TABLE terminals ADD COLUMN web_version text;
ALTER TABLE terminals ADD COLUMN status jsonb;
ALTER TABLE terminals ADD COLUMN device jsonb;

-- One-time codes an admin shows (text + QR) and a new device redeems for its token.
-- Only the code's sha256 is stored, like tokens.
CREATE TABLE terminal_pairing_codes (
  code_hash   text PRIMARY KEY,
  site_id     text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name        text NOT NULL,
  created_by  integer REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  terminal_id text REFERENCES terminals (id) ON DELETE SET NULL
);
CREATE INDEX terminal_pairing_codes_expires ON terminal_pairing_codes (expires_at);

-- Builds of the terminal: `web` (the web app bundle the WebView loads) and `apk` (the Android
-- shell). Versions are semver; the newest per kind is offered in heartbeat answers.
CREATE TABLE shell_releases (
  id          serial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('web', 'apk')),
  version     text NOT NULL,
  bytes       bytea NOT NULL,
  size        integer NOT NULL,
  sha256      text NOT NULL,
  created_by  integer REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, version)
);

-- Speech settings an operator chose ("louder", "slower"), per site: operator ids come from the
-- site's WMS, so the same id at another site is another person.
CREATE TABLE operator_settings (
  site_id     text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  operator_id text NOT NULL,
  rate        double precision NOT NULL,
  pitch       double precision NOT NULL,
  volume      double precision NOT NULL,
  language    text CHECK (language IN ('en', 'ru')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text,
  PRIMARY KEY (site_id, operator_id)
);
