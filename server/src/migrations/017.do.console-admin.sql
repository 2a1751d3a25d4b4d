-- Admin console (issue 14): users can be disabled (their sessions end at once, login is
-- refused), and an admin lists and ends a user's sessions.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN disabled_by text;
CREATE INDEX user_sessions_user ON user_sessions (user_id, created_at DESC);
-- Where a session was started from, for the sessions list.
ALTER TABLE user_sessions ADD COLUMN address text;
