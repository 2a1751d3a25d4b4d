import type { Db } from '../db/db.js';
import { UNIQUE_VIOLATION, pgErrorCode } from '../db/db.js';
import { HttpError } from '../errors.js';
import { hashPassword, hashToken, newToken, verifyPassword } from '../auth/password.js';

export const ROLES = ['designer', 'tester', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  username: string;
  role: Role;
  /** Logged in with a generated one-time password: must choose their own (`PUT /api/auth/password`). */
  mustChangePassword: boolean;
}
const USER_COLUMNS = 'id, username, role, must_change_password AS "mustChangePassword"';

const SESSION_DAYS = 14;

export function usersRepository(db: Db) {
  return {
    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      return rows[0]?.n ?? 0;
    },

    async create(username: string, password: string, role: Role, mustChangePassword = false): Promise<User> {
      const hash = await hashPassword(password);
      try {
        const { rows } = await db.query<User>(
          `INSERT INTO users (username, role, password_hash, must_change_password) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
          [username, role, hash, mustChangePassword],
        );
        return rows[0]!;
      } catch (err) {
        if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new HttpError(409, 'username_taken', `user ${username} exists`);
        throw err;
      }
    },

    async list(): Promise<(User & { createdAt: string })[]> {
      const { rows } = await db.query<User & { createdAt: Date }>(
        `SELECT ${USER_COLUMNS}, created_at AS "createdAt" FROM users ORDER BY username`,
      );
      return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
    },

    /**
     * The user when the password matches; undefined otherwise (same answer for unknown names).
     * `disabled`: an admin disabled the account (the caller refuses the login, saying so).
     */
    async authenticate(username: string, password: string): Promise<(User & { disabled: boolean }) | undefined> {
      const { rows } = await db.query<User & { password_hash: string; disabled: boolean }>(
        `SELECT ${USER_COLUMNS}, password_hash, disabled_at IS NOT NULL AS disabled FROM users WHERE username = $1`,
        [username],
      );
      const row = rows[0];
      // Hash anyway for unknown users so the answer time does not reveal which names exist.
      const ok = await verifyPassword(password, row?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
      return row && ok ? { id: row.id, username: row.username, role: row.role, mustChangePassword: row.mustChangePassword, disabled: row.disabled } : undefined;
    },

    /** Sets a new password and clears the one-time flag; every other session of the user ends. */
    async changePassword(userId: number, password: string, keepSession: string): Promise<void> {
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1', [userId, hash]);
        await tx.query('DELETE FROM user_sessions WHERE user_id = $1 AND token_hash <> $2', [userId, hashToken(keepSession)]);
      });
    },

    /** `address`: the client IP the login came from (the sessions list shows it). */
    async startSession(userId: number, address: string | null = null): Promise<string> {
      const token = newToken();
      await db.query(
        `INSERT INTO user_sessions (token_hash, user_id, expires_at, address) VALUES ($1, $2, now() + make_interval(days => $3), $4)`,
        [hashToken(token), userId, SESSION_DAYS, address],
      );
      return token;
    },

    async userForSession(token: string): Promise<User | undefined> {
      const { rows } = await db.query<User>(
        `SELECT u.id, u.username, u.role, u.must_change_password AS "mustChangePassword" FROM user_sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
        [hashToken(token)],
      );
      return rows[0];
    },

    /** Deletes sessions past their expiry (they are already refused; this keeps the table small). */
    async purgeExpiredSessions(): Promise<number> {
      const { rowCount } = await db.query('DELETE FROM user_sessions WHERE expires_at <= now()');
      return rowCount;
    },

    async endSession(token: string): Promise<void> {
      await db.query('DELETE FROM user_sessions WHERE token_hash = $1', [hashToken(token)]);
    },
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
