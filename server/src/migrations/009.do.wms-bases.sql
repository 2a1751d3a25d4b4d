-- WMS base URLs an admin allows per environment: the simulator's WMS proxy and server-side
-- simulations call only URLs under one of them (no open proxy).
CREATE TABLE wms_bases (
  environment text NOT NULL REFERENCES environments (name) ON DELETE CASCADE,
  base_url    text NOT NULL,
  position    integer NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (environment, base_url)
);
