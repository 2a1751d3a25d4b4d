/** What is wrong with a password-change form before and after the server has answered. */
import { ApiError, MIN_PASSWORD_LENGTH } from '../api/client.js';
import type { MessageKey } from '../i18n/messages.js';

export interface PasswordProblem {
  key?: MessageKey;
  /** The server's own text when it answered with a code the designer has no message for. */
  text?: string;
}

/** Checked in the browser so the common slips get a translated message without a round trip. */
export function passwordFormProblem(current: string, next: string, repeat: string): PasswordProblem | null {
  if (!current) return { key: 'password.wrongCurrent' };
  if (next.length < MIN_PASSWORD_LENGTH) return { key: 'password.tooShort' };
  if (next !== repeat) return { key: 'password.mismatch' };
  if (next === current) return { key: 'password.unchanged' };
  return null;
}

/** The server's refusal as a message: known codes translated, anything else in the server's words. */
export function passwordErrorProblem(err: unknown): PasswordProblem {
  if (err instanceof ApiError) {
    if (err.code === 'bad_credentials') return { key: 'password.wrongCurrent' };
    if (err.code === 'password_unchanged') return { key: 'password.unchanged' };
    return { text: err.message };
  }
  return { text: err instanceof Error ? err.message : String(err) };
}
