/** The replay pages' hash routes (App.tsx asks here first). */
import { createElement } from 'react';
import { ComparisonPage } from './ComparisonPage.js';
import { ReplayPage } from './ReplayPage.js';
import { SessionPathPage } from './SessionPathPage.js';

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

export function ReplayRoutes({ route, navigate }: { route: ReplayRoute | { page: 'list' }; navigate(path: string): void }) {
  switch (route.page) {
    case 'replays':
      return createElement(ReplayPage, { key: route.id ?? 'new', ...(route.id ? { id: route.id } : {}), query: route.query, navigate });
    case 'comparison':
      return createElement(ComparisonPage, { id: route.id, sessionId: route.sessionId });
    case 'session':
      return createElement(SessionPathPage, { processKey: route.key, sessionId: route.sessionId });
    default:
      return null;
  }
}
