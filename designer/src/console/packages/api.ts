/** The package routes (docs/api.md *Update packages*) as the console calls them. */
import type { ImportPlan, PackageInstallation, TrustedKey } from '@voiceman/server/api-types';
import { call } from '../../api/client.js';

export type { ImportPlan, TrustedKey };
export type Installation = PackageInstallation;
export type PlanItem = ImportPlan['items'][number];
export type PlanAction = PlanItem['action'];
export interface VersionRef {
  processKey: string;
  number: number;
}

export const packagesApi = {
  installation: () => call<Installation>('GET', '/api/packages/installation'),
  setRequireSignature: (requireSignature: boolean) => call<Installation>('PUT', '/api/packages/installation', { requireSignature }),
  trustedKeys: () => call<TrustedKey[]>('GET', '/api/packages/trusted-keys'),
  trust: (name: string, publicKey: string) => call<TrustedKey>('POST', '/api/packages/trusted-keys', { name, publicKey }),
  distrust: (id: number) => call<void>('DELETE', `/api/packages/trusted-keys/${id}`),
  exportPackage: (versions: VersionRef[], sign: boolean) => call<unknown>('POST', '/api/packages/export', { versions, sign }),
  dryRun: (pkg: unknown) => call<ImportPlan>('POST', '/api/packages/dry-run', { package: pkg }),
  importPackage: (pkg: unknown, confirmDowngrade: boolean) => call<ImportPlan>('POST', '/api/packages/import', { package: pkg, confirmDowngrade }),
};
