/** The dashboard's calls: figures per bucket and per node (docs/api.md, Dashboard), and the sites to pick from. */
import type { DashboardNodes, DashboardSummary } from '@voiceman/server/api-types';
import { call } from '../../api/client.js';
import type { Period } from './period.js';

export type { BucketFigures, DashboardNodes, DashboardSummary, NodeFigures } from '@voiceman/server/api-types';

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();

export const dashboardApi = {
  summary: (siteId: string, processKey: string | undefined, p: Period) =>
    call<DashboardSummary>('GET', `/api/dashboard/summary?${query({ siteId, processKey, from: p.from, to: p.to, bucket: p.bucket })}`),
  nodes: (processKey: string, siteId: string | undefined, p: Pick<Period, 'from' | 'to'>) =>
    call<DashboardNodes>('GET', `/api/dashboard/nodes?${query({ processKey, siteId, from: p.from, to: p.to })}`),
  /** Every site of every environment, for the site picker. */
  sites: async () =>
    (await call<{ name: string; sites: { id: string; name: string }[] }[]>('GET', '/api/environments')).flatMap((e) => e.sites.map((s) => ({ ...s, environment: e.name }))),
};
