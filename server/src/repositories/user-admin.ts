/**
 * What an admin does to other users (the console's users section): roles, disabling, password
 * resets, sessions. Password hashes never leave this file; session ids are a prefix of the
 * stored token hash (the token itself is never stored, so the id gives no way in).
 */
import { randomInt } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';
import { hashPassword, hashToken } from '../auth/password.js';
import type { Role } from './users.js';

export interface ManagedUser {
  id: number;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: string;
  disabledAt: string | null;
  disabledBy: string | null;
  /** Sessions that have not expired. */
  sessions: number;
}

export interface UserSession {
  /** The first 16 hex digits of the token's sha256. */
  id: string;
  createdAt: string;
  expiresAt: string;
  address: string | null;
  /** The session of the admin asking. */
  current: boolean;
}

const SESSION_ID_LENGTH = 16;
/** No 0/O, 1/l/I: a reset password is read off a screen and typed once. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RESET_PASSWORD_LENGTH = 14;

export function oneTimePassword(): string {
  let p = '';
  for (let i = 0; i < RESET_PASSWORD_LENGTH; i++) p += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return p;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

interface Row {
  id: number;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: Date | string;
  disabledAt: Date | string | null;
  disabledBy: string | null;
  sessions: number;
}
const SELECT = `SELECT u.id, u.username, u.role, u.must_change_password AS "mustChangePassword", u.created_at AS "createdAt",
       u.disabled_at AS "disabledAt", u.disabled_by AS "disabledBy",
       (SELECT count(*)::int FROM user_sessions s WHERE s.user_id = u.id AND s.expires_at > now()) AS sessions
  FROM users u`;
const toUser = (r: Row): ManagedUser => ({ ...r, createdAt: iso(r.createdAt)!, disabledAt: iso(r.disabledAt), disabledBy: r.disabledBy });

/**
 * Locks the enabled admins' rows, always in id order (two admins demoting each other at once
 * would otherwise each hold one row and wait for the other's: a deadlock). Run first in the
 * change's transaction; the second change then waits, and sees the first one's result.
 */
async function lockAdmins(tx: Queryable): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE");
  return rows.map((r) => r.id);
}

/** Refuses a change that would leave no enabled admin. */
function keepOneAdmin(admins: number[], target: ManagedUser, what: string): void {
  if (target.role !== 'admin' || target.disabledAt !== null) return;
  if (!admins.some((id) => id !== target.id)) {
    throw new HttpError(409, 'last_admin', `${target.username} is the last enabled admin: ${what} would leave nobody to administer this installation; make another user an admin first`);
  }
}

export function userAdminRepository(db: Db) {
  const byId = async (q: Queryable, id: number, lock = false): Promise<ManagedUser> => {
    const { rows } = await q.query<Row>(`${SELECT} WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!rows[0]) throw notFound(`user ${id}`);
    return toUser(rows[0]);
  };

  return {
    async list(): Promise<ManagedUser[]> {
      const { rows } = await db.query<Row>(`${SELECT} ORDER BY u.username`);
      return rows.map(toUser);
    },

    get: (id: number) => byId(db, id),

    /** A new role; demoting the last enabled admin is refused. Returns before and after. */
    async setRole(id: number, role: Role): Promise<{ before: ManagedUser; after: ManagedUser }> {
      return db.transaction(async (tx) => {
        const admins = await lockAdmins(tx);
        const before = await byId(tx, id, true);
        if (before.role === role) return { before, after: before };
        keepOneAdmin(admins, before, 'taking away the admin role');
        await tx.query('UPDATE users SET role = $2 WHERE id = $1', [id, role]);
        return { before, after: await byId(tx, id) };
      });
    },

    /** Disables the user and ends every session of theirs in the same transaction. */
    async disable(id: number, by: string): Promise<{ before: ManagedUser; after: ManagedUser; endedSessions: number }> {
      return db.transaction(async (tx) => {
        const admins = await lockAdmins(tx);
        const before = await byId(tx, id, true);
        if (before.disabledAt !== null) return { before, after: before, endedSessions: 0 };
        keepOneAdmin(admins, before, 'disabling them');
        await tx.query('UPDATE users SET disabled_at = now(), disabled_by = $2 WHERE id = $1', [id, by]);
        const ended = await tx.query('DELETE FROM user_sessions WHERE user_id = $1', [id]);
        return { before, after: await byId(tx, id), endedSessions: ended.rowCount };
      });
    },

    async enable(id: number): Promise<{ before: ManagedUser; after: ManagedUser }> {
      return db.transaction(async (tx) => {
        const before = await byId(tx, id, true);
        await tx.query('UPDATE users SET disabled_at = NULL, disabled_by = NULL WHERE id = $1', [id]);
        return { before, after: await byId(tx, id) };
      });
    },

    /** A generated one-time password (returned once): the user must choose their own at next login; their sessions end. */
    async resetPassword(id: number): Promise<{ user: ManagedUser; password: string }> {
      const password = oneTimePassword();
      const hash = await hashPassword(password);
      return db.transaction(async (tx) => {
        await byId(tx, id, true);
        await tx.query('UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1', [id, hash]);
        await tx.query('DELETE FROM user_sessions WHERE user_id = $1', [id]);
        return { user: await byId(tx, id), password };
      });
    },

    /** The user's sessions that have not expired, newest first; `current` marks the caller's own. */
    async sessions(id: number, callerToken: string | undefined): Promise<UserSession[]> {
      await byId(db, id);
      const callerHash = callerToken ? hashToken(callerToken) : '';
      const { rows } = await db.query<{ token_hash: string; created_at: Date | string; expires_at: Date | string; address: string | null }>(
        'SELECT token_hash, created_at, expires_at, address FROM user_sessions WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC, token_hash',
        [id],
      );
      return rows.map((r) => ({
        id: r.token_hash.slice(0, SESSION_ID_LENGTH), createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at)!, address: r.address, current: r.token_hash === callerHash,
      }));
    },

    /** Ends one session (by its id) or, without one, all of the user's sessions; how many ended. */
    async endSessions(id: number, sessionId?: string): Promise<number> {
      await byId(db, id);
      const { rowCount } = sessionId === undefined
        ? await db.query('DELETE FROM user_sessions WHERE user_id = $1', [id])
        : await db.query('DELETE FROM user_sessions WHERE user_id = $1 AND left(token_hash, $3) = $2', [id, sessionId, SESSION_ID_LENGTH]);
      if (sessionId !== undefined && rowCount === 0) throw notFound(`session ${sessionId} of user ${id}`);
      return rowCount;
    },
  };
}
export type UserAdminRepository = ReturnType<typeof userAdminRepository>;
export { SESSION_ID_LENGTH };
