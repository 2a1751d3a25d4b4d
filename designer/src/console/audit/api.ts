/** The audit log's routes (docs/api.md *Audit log*). */
import type { AuditPage } from '@voiceman/server/api-types';
import { call } from '../../api/client.js';
import { auditQuery, type AuditFilters } from './query.js';

export const PAGE_SIZE = 100;

export const auditApi = {
  page: (f: AuditFilters, before?: number) => call<AuditPage>('GET', `/api/audit${auditQuery(f, { before, limit: PAGE_SIZE })}`),
  /** A link the browser downloads (same filters). */
  csvUrl: (f: AuditFilters) => `/api/audit/csv${auditQuery(f)}`,
};
