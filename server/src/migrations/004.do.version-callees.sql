-- The published versions of called processes a version inlined: [{processKey, number}].
ALTER TABLE versions ADD COLUMN callees jsonb NOT NULL DEFAULT '[]';
