/** The deployments section's calls (docs/api.md "Deployments"). */
import type { DeployPlan, DeploymentMatrix, DeploymentRow, Rollout, RolloutCheck, RolloutFigures, UserDeployRights } from '@voiceman/server/api-types';
import { call } from '../../api/client.js';

export type { DeployPlan, DeploymentMatrix, DeploymentRow, Rollout, RolloutCheck, RolloutFigures, UserDeployRights };
export interface Thresholds { errorRate?: number; noMatchRate?: number; meanTaskTime?: number; minSessions?: number }
export interface TerminalSummary { id: string; siteId: string; name: string; lastSeenAt: string | null }

const enc = encodeURIComponent;
const site = (siteId: string, processKey: string) => `/api/sites/${enc(siteId)}/deployments/${enc(processKey)}`;

export const deployApi = {
  matrix: () => call<DeploymentMatrix>('GET', '/api/deployments/matrix'),
  versions: (processKey: string) => call<{ number: number; note: string; author: string; createdAt: string }[]>('GET', `/api/processes/${enc(processKey)}/versions`),
  planDeploy: (siteId: string, processKey: string, versionNumber: number) => call<DeployPlan>('GET', `${site(siteId, processKey)}/plan?versionNumber=${versionNumber}`),
  planRollback: (siteId: string, processKey: string) => call<DeployPlan>('GET', `${site(siteId, processKey)}/plan?rollback=true`),
  /** `expectedCurrent`: what the confirmation showed; 409 `deployment_changed` when it moved meanwhile. */
  deploy: (siteId: string, processKey: string, versionNumber: number, expectedCurrent: number | null) =>
    call<DeploymentRow>('POST', `/api/sites/${enc(siteId)}/deployments`, { processKey, versionNumber, expectedCurrent }),
  rollback: (siteId: string, processKey: string, expectedCurrent: number | null) => call<DeploymentRow>('POST', `${site(siteId, processKey)}/rollback`, { expectedCurrent }),
  history: (siteId: string, processKey: string) => call<DeploymentRow[]>('GET', `/api/sites/${enc(siteId)}/deployments/history?processKey=${enc(processKey)}`),
  rollouts: (siteId: string, processKey: string) => call<Rollout[]>('GET', `/api/sites/${enc(siteId)}/rollouts?processKey=${enc(processKey)}`),
  startRollout: (siteId: string, body: { processKey: string; versionNumber: number; terminalIds: string[]; operatorIds: string[]; thresholds: Thresholds }) =>
    call<Rollout>('POST', `/api/sites/${enc(siteId)}/rollouts`, body),
  rollout: (id: number) => call<{ rollout: Rollout; figures: RolloutFigures }>('GET', `/api/rollouts/${id}`),
  promote: (id: number) => call<Rollout>('POST', `/api/rollouts/${id}/promote`),
  rollbackRollout: (id: number) => call<Rollout>('POST', `/api/rollouts/${id}/rollback`),
  checkRollout: (id: number) => call<RolloutCheck>('POST', `/api/rollouts/${id}/check`),
  terminals: () => call<TerminalSummary[]>('GET', '/api/terminals'),
  rights: () => call<UserDeployRights[]>('GET', '/api/deploy-rights'),
  setRights: (userId: number, environments: string[]) => call<UserDeployRights>('PUT', `/api/deploy-rights/${userId}`, { environments }),
};
