-- A session.end with status 'stopped' pauses a session (the terminal may resume it); only
-- 'done' and 'error' end it. The highest seq of each tells whether the latest word was a pause
-- or a resume, whatever order the batches arrive in.
ALTER TABLE dialog_sessions ADD COLUMN paused_seq integer;
ALTER TABLE dialog_sessions ADD COLUMN resumed_seq integer;
