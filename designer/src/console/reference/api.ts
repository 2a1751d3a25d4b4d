/** The reference tables' routes (docs/api.md *Reference tables*). */
import type { ReferenceImportResult, ReferenceRevision, ReferenceSummary } from '@voiceman/server/api-types';
import { call } from '../../api/client.js';
import type { EditRow } from './edit.js';

export interface ReferenceTableRows {
  name: string;
  revision: number;
  rows: EditRow[];
  updatedAt: string;
  updatedBy: string;
}

const enc = encodeURIComponent;
export const referenceApi = {
  list: () => call<ReferenceSummary[]>('GET', '/api/reference'),
  get: (name: string) => call<ReferenceTableRows>('GET', `/api/reference/${enc(name)}`),
  revision: (name: string, revision: number) => call<ReferenceTableRows>('GET', `/api/reference/${enc(name)}/revisions/${revision}`),
  revisions: (name: string) => call<ReferenceRevision[]>('GET', `/api/reference/${enc(name)}/revisions`),
  /** 409 `stale_revision` when someone saved since `baseRevision`. */
  save: (name: string, rows: EditRow[], baseRevision: number) => call<ReferenceTableRows>('PUT', `/api/reference/${enc(name)}`, { rows, baseRevision }),
  importCsv: (name: string, csv: string, baseRevision: number, dryRun: boolean) =>
    call<ReferenceImportResult>('POST', `/api/reference/${enc(name)}/import`, { csv, baseRevision, dryRun }),
  csvUrl: (name: string, revision?: number) => `/api/reference/${enc(name)}/csv${revision ? `?revision=${revision}` : ''}`,
};
