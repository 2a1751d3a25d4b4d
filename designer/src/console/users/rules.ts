/** What the users page offers for a row: the server refuses the same (yourself, the last admin), this only hides what would be refused. */
import type { ManagedUser } from '@voiceman/server/api-types';

export const USERNAME = /^[a-zA-Z0-9._-]{1,64}$/;
export const MIN_PASSWORD = 8;

export function enabledAdmins(users: readonly ManagedUser[]): number {
  return users.filter((u) => u.role === 'admin' && u.disabledAt === null).length;
}

/** Disabling or demoting `u` would leave no enabled admin, or `u` is the one asking. */
export function locked(u: ManagedUser, me: string, users: readonly ManagedUser[]): 'self' | 'last-admin' | undefined {
  if (u.username === me) return 'self';
  if (u.role === 'admin' && u.disabledAt === null && enabledAdmins(users) <= 1) return 'last-admin';
  return undefined;
}

/** Problems of the new-user form, as message keys. */
export function newUserProblems(username: string, password: string): ('badUsername' | 'shortPassword')[] {
  const out: ('badUsername' | 'shortPassword')[] = [];
  if (!USERNAME.test(username)) out.push('badUsername');
  if (password.length < MIN_PASSWORD) out.push('shortPassword');
  return out;
}
