import { describe, expect, it } from 'vitest';
import type { ManagedUser } from '@voiceman/server/api-types';
import { locked, newUserProblems } from './rules.js';

const user = (username: string, role: ManagedUser['role'], disabled = false): ManagedUser => ({
  id: username.length, username, role, mustChangePassword: false, createdAt: '', disabledAt: disabled ? '2026-01-01T00:00:00Z' : null, disabledBy: null, sessions: 0,
});

describe('users page rules', () => {
  it('never offers to disable yourself, nor the last enabled admin', () => {
    const users = [user('me', 'admin'), user('boss', 'admin', true), user('dee', 'designer')];
    expect(locked(users[0]!, 'me', users)).toBe('self');
    expect(locked(users[2]!, 'me', users)).toBeUndefined();
    const two = [user('me', 'admin'), user('other', 'admin')];
    expect(locked(two[1]!, 'me', two)).toBeUndefined();
    expect(locked(two[1]!, 'me', [two[1]!])).toBe('last-admin');
  });
  it('checks a new user as the server does', () => {
    expect(newUserProblems('ok.name', 'long-enough')).toEqual([]);
    expect(newUserProblems('bad name', 'short')).toEqual(['badUsername', 'shortPassword']);
  });
});
