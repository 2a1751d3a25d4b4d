/** The console's hash routes: `#/admin` (the first section the role may see) and `#/admin/<section>[/<rest>]`. */
export interface ConsoleRoute {
  page: 'console';
  /** Undefined: the first section of the user's role. */
  section?: string;
  /** What follows the section, for the section itself to read (`sites/dc1`), without a leading slash. */
  rest: string;
}

export function consoleRoute(hash: string): ConsoleRoute | undefined {
  const m = /^#?\/admin(?:\/([^/?]+))?(?:\/([^?]*))?(?:\?.*)?$/.exec(hash);
  if (!m) return undefined;
  return { page: 'console', ...(m[1] ? { section: decodeURIComponent(m[1]) } : {}), rest: m[2] ?? '' };
}

export const consolePath = (section: string, rest = '') => `/admin/${encodeURIComponent(section)}${rest ? `/${rest}` : ''}`;
