-- A generated first-start password is one-time: the user must choose their own after logging in.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
