-- How a finished dialog ended, as its process names it (the end node's outcome, e.g.
-- "signedOff"): session.end data.outcome of a 'done' end. Null for sessions of before, for
-- processes whose end nodes name none, and for sessions that ended otherwise.
ALTER TABLE dialog_sessions ADD COLUMN end_outcome text;
