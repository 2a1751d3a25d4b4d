/** The users section's routes (docs/api.md *Users and sessions*). */
import type { ManagedUser, UserSession } from '@voiceman/server/api-types';
import { call, type Role } from '../../api/client.js';

export const usersApi = {
  list: () => call<ManagedUser[]>('GET', '/api/users'),
  /** The password is one-time: the user chooses their own at first login. */
  create: (username: string, password: string, role: Role) => call<unknown>('POST', '/api/users', { username, password, role, mustChangePassword: true }),
  setRole: (id: number, role: Role) => call<ManagedUser>('PATCH', `/api/users/${id}`, { role }),
  disable: (id: number) => call<ManagedUser>('POST', `/api/users/${id}/disable`),
  enable: (id: number) => call<ManagedUser>('POST', `/api/users/${id}/enable`),
  resetPassword: (id: number) => call<{ user: ManagedUser; password: string }>('POST', `/api/users/${id}/password-reset`),
  sessions: (id: number) => call<UserSession[]>('GET', `/api/users/${id}/sessions`),
  endSession: (id: number, sessionId: string) => call<{ ended: number }>('DELETE', `/api/users/${id}/sessions/${sessionId}`),
  endAll: (id: number) => call<{ ended: number }>('DELETE', `/api/users/${id}/sessions`),
};
