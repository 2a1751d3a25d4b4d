-- The ingest's key table keeps one index instead of three (issue #17: ingest cost PostgreSQL
-- twice the plain INSERT's work). A retry re-sends the same event, with the same
-- (session_id, seq): that key alone recognises it (the row's id equal: a duplicate; another id:
-- seq_taken). The random-uuid primary key cost a random B-tree insert per event, and the ts
-- index only served the retention job, which now deletes keys through the sessions it drops
-- (a session's last_at bounds all its keys). An id reused under another (session, seq) is
-- another event and is stored as one.
ALTER TABLE dialog_event_keys DROP CONSTRAINT dialog_event_keys_pkey;
DROP INDEX dialog_event_keys_ts;
-- The UNIQUE (session_id, seq) constraint, kept as it is (no rebuild on upgrade), is now the
-- table's only key and the ingest's ON CONFLICT arbiter.
