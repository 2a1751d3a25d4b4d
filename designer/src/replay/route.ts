/** The replay pages' hash routes, parsed (App.tsx asks here before its own routes). */
export type ReplayRoute =
  | { page: 'replays'; id?: string; query: URLSearchParams }
  | { page: 'comparison'; id: string; sessionId: string }
  | { page: 'session'; key: string; sessionId: string };

export function replayRoute(hash: string): ReplayRoute | null {
  const [path = '', q = ''] = hash.replace(/^#/, '').split('?');
  const dec = decodeURIComponent;
  let m = /^\/replays(?:\/([^/]+))?$/.exec(path);
  if (m) return { page: 'replays', ...(m[1] ? { id: dec(m[1]) } : {}), query: new URLSearchParams(q) };
  m = /^\/replays\/([^/]+)\/sessions\/(.+)$/.exec(path);
  if (m) return { page: 'comparison', id: dec(m[1]!), sessionId: dec(m[2]!) };
  m = /^\/p\/([^/]+)\/session\/(.+)$/.exec(path);
  if (m) return { page: 'session', key: dec(m[1]!), sessionId: dec(m[2]!) };
  return null;
}
