/** The replay pages' hash routes (App.tsx asks here first). */
import { createElement } from 'react';
import { ComparisonPage } from './ComparisonPage.js';
import { ReplayPage } from './ReplayPage.js';
import { SessionPathPage } from './SessionPathPage.js';
import type { ReplayRoute } from '../../replay/route.js';

export { replayRoute, type ReplayRoute } from '../../replay/route.js';

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
