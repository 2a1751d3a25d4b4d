import { describe, expect, it } from 'vitest';
import { ApiError, OfflineError } from '../api/client.js';
import { passwordErrorProblem, passwordFormProblem } from './change-password.js';

describe('password change form', () => {
  it('accepts a long enough, repeated, different password', () => {
    expect(passwordFormProblem('old-one', 'new-password', 'new-password')).toBeNull();
  });
  it('refuses an empty current, a short, a mistyped or an unchanged password', () => {
    expect(passwordFormProblem('', 'new-password', 'new-password')).toEqual({ key: 'password.wrongCurrent' });
    expect(passwordFormProblem('old-one', 'short', 'short')).toEqual({ key: 'password.tooShort' });
    expect(passwordFormProblem('old-one', 'new-password', 'new-passwort')).toEqual({ key: 'password.mismatch' });
    expect(passwordFormProblem('same-password', 'same-password', 'same-password')).toEqual({ key: 'password.unchanged' });
  });
  it('translates the server codes it knows and passes the others through', () => {
    expect(passwordErrorProblem(new ApiError(401, 'bad_credentials', 'the current password is wrong'))).toEqual({ key: 'password.wrongCurrent' });
    expect(passwordErrorProblem(new ApiError(400, 'password_unchanged', 'x'))).toEqual({ key: 'password.unchanged' });
    expect(passwordErrorProblem(new ApiError(400, 'invalid_request', 'body/newPassword must NOT have fewer than 8 characters'))).toEqual({
      text: 'body/newPassword must NOT have fewer than 8 characters',
    });
    expect(passwordErrorProblem(new OfflineError('Failed to fetch'))).toEqual({ text: 'Failed to fetch' });
  });
});
