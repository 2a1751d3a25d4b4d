/** JSON Schemas of the console's deployment routes (each route's type; /docs shows them). */
import { processKey, siteId } from '../schemas.js';
export { operatorId } from './terminal-schemas.js';

export const deploymentKind = { type: 'string', enum: ['deploy', 'rollback', 'promote', 'undeploy'] } as const;

export const deployment = {
  type: 'object',
  required: ['processKey', 'versionNumber', 'hash', 'deployedAt', 'deployedBy'],
  properties: {
    processKey: { type: 'string' }, versionNumber: { type: 'integer' }, hash: { type: 'string' },
    deployedAt: { type: 'string' }, deployedBy: { type: 'string' },
    undeployed: { type: 'boolean', description: 'history only: this row took the process off the site' },
    kind: { ...deploymentKind, description: 'history only: what the row did' },
  },
  additionalProperties: false,
} as const;

export const siteParams = { type: 'object', required: ['siteId'], properties: { siteId } } as const;
export const siteProcessParams = { type: 'object', required: ['siteId', 'processKey'], properties: { siteId, processKey } } as const;
export const rolloutParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 } } } as const;

/** `null`: nothing deployed; omitted: no check. A mismatch answers 409 `deployment_changed`. */
export const expectedCurrent = {
  type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647,
  description: 'The version the caller saw deployed (null: none). When the site runs another one now, 409 `deployment_changed` and nothing changes.',
} as const;

const versionRef = { type: 'object', required: ['versionNumber', 'hash'], properties: { versionNumber: { type: 'integer' }, hash: { type: 'string' } }, additionalProperties: false } as const;
const rolloutRef = { type: ['object', 'null'], required: ['id', 'versionNumber'], properties: { id: { type: 'integer' }, versionNumber: { type: 'integer' } }, additionalProperties: false } as const;

export const plan = {
  type: 'object',
  required: ['siteId', 'siteName', 'environment', 'processKey', 'from', 'to', 'notes', 'rollout'],
  properties: {
    siteId: { type: 'string' }, siteName: { type: 'string' }, environment: { type: 'string' }, processKey: { type: 'string' },
    from: { anyOf: [versionRef, { type: 'null' }] }, to: versionRef,
    notes: {
      type: 'array', description: 'release notes of the versions between from and to (added or undone), newest first',
      items: { type: 'object', required: ['number', 'note', 'author', 'createdAt'], properties: { number: { type: 'integer' }, note: { type: 'string' }, author: { type: 'string' }, createdAt: { type: 'string' } }, additionalProperties: false },
    },
    rollout: rolloutRef,
  },
  additionalProperties: false,
} as const;

export const matrix = {
  type: 'object',
  required: ['environments', 'processes'],
  properties: {
    environments: {
      type: 'array',
      items: {
        type: 'object', required: ['name', 'mayDeploy', 'sites'],
        properties: {
          name: { type: 'string' }, mayDeploy: { type: 'boolean', description: 'the caller may deploy to this environment' },
          sites: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } }, additionalProperties: false } },
        },
        additionalProperties: false,
      },
    },
    processes: {
      type: 'array',
      items: {
        type: 'object', required: ['key', 'name', 'latestVersion', 'draft', 'cells'],
        properties: {
          key: { type: 'string' }, name: { type: 'string' }, latestVersion: { type: ['integer', 'null'] },
          draft: { type: 'string', enum: ['changed', 'published', 'never', 'deleted'], description: '`changed`: the draft has unpublished changes since the latest version' },
          cells: {
            type: 'object', description: 'by site id; a site without the process has none',
            additionalProperties: {
              type: 'object',
              required: ['versionNumber', 'hash', 'deployedAt', 'deployedBy', 'drift', 'rollout'],
              properties: {
                versionNumber: { type: 'integer' }, hash: { type: 'string' }, deployedAt: { type: 'string' }, deployedBy: { type: 'string' },
                drift: { type: 'boolean', description: 'the site runs an older version than another site of its environment' },
                rollout: rolloutRef,
              },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

const rate = { type: 'number', minimum: 0, maximum: 1 } as const;
export const thresholds = {
  type: 'object', additionalProperties: false,
  description: 'How much worse than the rest of the site the group may do before the server rolls the rollout back by itself (none set: never automatically).',
  properties: {
    errorRate: { ...rate, description: 'share of ended sessions ending in error, above the rest of the site (0.05 = 5 points)' },
    noMatchRate: { ...rate, description: 'share of heard utterances that matched nothing, above the rest of the site' },
    meanTaskTime: { type: 'number', minimum: 1, maximum: 100, description: "mean task time (completed sessions) as a ratio of the rest's (1.5 = half again as long)" },
    minSessions: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'ended sessions of the group before anything is judged (default 10)' },
  },
} as const;

export const terminalId = { type: 'string', minLength: 1, maxLength: 100 } as const;

export const rollout = {
  type: 'object',
  required: ['id', 'siteId', 'processKey', 'versionNumber', 'baseVersion', 'terminalIds', 'operatorIds', 'thresholds', 'state', 'startedAt', 'startedBy', 'endedAt', 'endedBy', 'endReason'],
  properties: {
    id: { type: 'integer' }, siteId: { type: 'string' }, processKey: { type: 'string' }, versionNumber: { type: 'integer' },
    baseVersion: { type: 'integer', description: 'what the rest of the site ran when the rollout started' },
    terminalIds: { type: 'array', items: { type: 'string' } }, operatorIds: { type: 'array', items: { type: 'string' } },
    thresholds, state: { type: 'string', enum: ['active', 'promoted', 'rolled_back'] },
    startedAt: { type: 'string' }, startedBy: { type: 'string' },
    endedAt: { type: ['string', 'null'] }, endedBy: { type: ['string', 'null'], description: "'system' for an automatic rollback" }, endReason: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

const side = {
  type: 'object',
  required: ['sessions', 'ended', 'errors', 'errorRate', 'hypotheses', 'noMatches', 'noMatchRate', 'completed', 'meanTaskMs'],
  properties: {
    sessions: { type: 'integer' }, ended: { type: 'integer' }, errors: { type: 'integer' }, errorRate: { type: ['number', 'null'] },
    hypotheses: { type: 'integer' }, noMatches: { type: 'integer' }, noMatchRate: { type: ['number', 'null'] },
    completed: { type: 'integer' }, meanTaskMs: { type: ['number', 'null'] },
  },
  additionalProperties: false,
} as const;
export const figures = {
  type: 'object',
  description: "the group's figures (sessions on the rollout's version) against the rest of the site's, for sessions started during the rollout",
  required: ['group', 'rest', 'from', 'to', 'crossed'],
  properties: { group: side, rest: side, from: { type: 'string' }, to: { type: 'string' }, crossed: { type: ['string', 'null'], description: 'the threshold crossed, in words' } },
  additionalProperties: false,
} as const;

export const rolloutCheck = {
  type: 'object',
  required: ['rolloutId', 'crossed', 'rolledBack'],
  properties: { rolloutId: { type: 'integer' }, crossed: { type: ['string', 'null'] }, rolledBack: { type: 'boolean' } },
  additionalProperties: false,
} as const;

export const userRights = {
  type: 'object',
  required: ['userId', 'username', 'role', 'environments'],
  properties: {
    userId: { type: 'integer' }, username: { type: 'string' }, role: { type: 'string' },
    environments: { type: 'array', items: { type: 'string' }, description: 'environments the user may deploy to (effective with the admin role)' },
  },
  additionalProperties: false,
} as const;
