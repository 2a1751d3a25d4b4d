-- Who a dialog session belongs to: the terminal whose event first named it. Another
-- terminal's events for that session are refused (`session_not_yours`) and take no seq.
CREATE TABLE dialog_session_owners (
  session_id  text PRIMARY KEY,
  terminal_id text NOT NULL,
  claimed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO dialog_session_owners (session_id, terminal_id, claimed_at)
  SELECT session_id, terminal_id, started_at FROM dialog_sessions;
CREATE INDEX dialog_session_owners_claimed ON dialog_session_owners (claimed_at);

-- Terminal tokens expire (VOICEMAN_TERMINAL_TOKEN_DAYS after they were issued) and can be
-- rotated; the token a terminal rotated away from keeps working until previous_token_until.
ALTER TABLE terminals ADD COLUMN token_issued_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE terminals ADD COLUMN previous_token_hash text UNIQUE;
ALTER TABLE terminals ADD COLUMN previous_token_until timestamptz;

-- The purge of expired browser sessions walks this.
CREATE INDEX user_sessions_expires ON user_sessions (expires_at);
