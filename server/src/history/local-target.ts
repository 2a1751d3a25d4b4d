const BASE = 'http://voiceman.invalid';

/**
 * Where the login page may send the browser afterwards: a path on this server only. `next` is
 * resolved the way a browser would (`/\evil.example`, `//evil`, `https:evil`, tabs and
 * newlines all resolve to another host) and anything off this origin becomes `fallback`.
 * Only pathname + search are emitted, never a scheme or host.
 */
export function localTarget(next: string | undefined, fallback = '/history'): string {
  if (!next) return fallback;
  let url: URL;
  try {
    url = new URL(next, `${BASE}/`);
  } catch {
    return fallback;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}` : fallback;
}
