/** The package routes (docs/api.md *Update packages*) as the console calls them. */
import { call } from '../../api/client.js';

export interface Installation {
  installationId: string;
  publicKey: string;
  fingerprint: string;
  requireSignature: boolean;
}
export interface TrustedKey {
  id: number;
  name: string;
  publicKey: string;
  fingerprint: string;
  addedAt: string;
  addedBy: string;
}
export type PlanAction = 'add' | 'present' | 'downgrade' | 'clash';
export interface PlanItem {
  kind: 'version' | 'reference';
  label: string;
  name: string;
  number: number;
  hash?: string;
  action: PlanAction;
  message?: string;
}
export interface ImportPlan {
  applied: boolean;
  source: { installationId: string; createdAt: string };
  signer: { status: 'own' | 'trusted' | 'untrusted' | 'unsigned'; name?: string; fingerprint?: string };
  items: PlanItem[];
  newProcesses: string[];
  counts: Record<PlanAction, number>;
}
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
