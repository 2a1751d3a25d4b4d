-- Site settings ("process settings" of the original system): per environment, a site's value
-- overrides its environment's. Delivered with the rules as the dialog's input, outside the
-- published machine and its hash. Every change is a row in setting_revisions.
CREATE TABLE settings (
  environment text NOT NULL REFERENCES environments (name),
  name        text NOT NULL,
  type        text NOT NULL CHECK (type IN ('string', 'int', 'double', 'bool')),
  description text NOT NULL DEFAULT '',
  secret      boolean NOT NULL DEFAULT false,
  -- NULL: defined, but no environment-wide value (each site sets its own).
  value       jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL,
  PRIMARY KEY (environment, name)
);

-- A site's own value of a setting defined for its environment (or of a runtime.* setting).
CREATE TABLE site_settings (
  site_id    text NOT NULL REFERENCES sites (id),
  name       text NOT NULL,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (site_id, name)
);

CREATE TABLE setting_revisions (
  id          bigserial PRIMARY KEY,
  environment text NOT NULL,
  -- NULL: the environment's own row.
  site_id     text,
  name        text NOT NULL,
  action      text NOT NULL CHECK (action IN ('set', 'delete')),
  type        text NOT NULL,
  description text NOT NULL DEFAULT '',
  secret      boolean NOT NULL,
  -- Never the value of a secret: only that it was set.
  value       jsonb,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX setting_revisions_scope ON setting_revisions (environment, site_id, name, id DESC);
