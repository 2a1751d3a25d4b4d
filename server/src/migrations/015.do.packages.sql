-- Update packages (issue 14): this installation's identity and ed25519 key pair, and the
-- public keys it trusts. One row in `installation` (the check keeps it one), written on the
-- first start. The private key stays here: every server of one installation shares the database,
-- so they sign with one key; no route or log ever shows it.
CREATE TABLE installation (
  singleton          boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  installation_id    uuid NOT NULL,
  public_key         text NOT NULL,
  private_key        text NOT NULL,
  require_signature  boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trusted_keys (
  id          serial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  public_key  text NOT NULL UNIQUE,
  added_at    timestamptz NOT NULL DEFAULT now(),
  added_by    text NOT NULL
);
