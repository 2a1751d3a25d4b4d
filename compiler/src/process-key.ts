/**
 * The one rule for process keys, shared by the flow schema, the server's routes and the
 * designer's forms (docs/flow-format.md and docs/api.md quote it).
 */
export const PROCESS_KEY_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';

/** The rule in words, for messages (the server's `invalid_key`, the compiler's schema finding). */
export const PROCESS_KEY_RULE =
  'a process key starts with a lowercase letter (a-z), followed by up to 63 lowercase letters, digits, "-" or "_" (for example cold-store)';

const re = new RegExp(PROCESS_KEY_PATTERN);
export const isProcessKey = (key: string): boolean => re.test(key);
