/**
 * What the admin console's routes answer (users, fleet, reference tables, audit log): plain
 * JSON Schemas, shared by the routes and `api-types.ts` (the designer's types derive from
 * them), so this file imports nothing but other plain schemas.
 */
import { device, terminalStatus } from './routes/terminal-schemas.js';

export const managedUserSchema = {
  type: 'object',
  required: ['id', 'username', 'role', 'mustChangePassword', 'createdAt', 'disabledAt', 'disabledBy', 'sessions'],
  properties: {
    id: { type: 'integer' }, username: { type: 'string' }, role: { type: 'string', enum: ['designer', 'tester', 'admin'] },
    mustChangePassword: { type: 'boolean', description: 'must choose a new password at next login' },
    createdAt: { type: 'string' },
    disabledAt: { type: ['string', 'null'] }, disabledBy: { type: ['string', 'null'] },
    sessions: { type: 'integer', description: 'sessions that have not expired' },
  },
  additionalProperties: false,
} as const;

export const userSessionSchema = {
  type: 'object', required: ['id', 'createdAt', 'expiresAt', 'address', 'current'], additionalProperties: false,
  properties: { id: { type: 'string' }, createdAt: { type: 'string' }, expiresAt: { type: 'string' }, address: { type: ['string', 'null'] }, current: { type: 'boolean', description: 'the session making this request' } },
} as const;

const nullableString = { type: ['string', 'null'] } as const;

const fleetMachine = {
  type: 'object', required: ['processKey', 'hash', 'versionNumber', 'deployedVersion', 'standing'], additionalProperties: false,
  properties: {
    processKey: { type: 'string' }, hash: { type: 'string' },
    versionNumber: { type: ['integer', 'null'], description: 'the version with this hash; null when none has it' },
    deployedVersion: { type: ['integer', 'null'], description: "the site's deployed version of this process" },
    standing: {
      type: 'string', enum: ['current', 'older', 'newer', 'unknown', 'not-deployed'],
      description: '`older`: version skew (the terminal runs an older machine than its site has deployed)',
    },
  },
} as const;

const fleetTerminal = {
  type: 'object',
  required: ['id', 'name', 'createdAt', 'lastSeenAt', 'shellVersion', 'webVersion', 'runtimeVersion', 'device', 'machines', 'missing', 'skew'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string' }, lastSeenAt: nullableString,
    shellVersion: nullableString, webVersion: nullableString, runtimeVersion: nullableString,
    device: { anyOf: [device, { type: 'null' }] },
    machines: { type: 'array', items: fleetMachine },
    missing: { type: 'array', items: { type: 'string' }, description: 'deployed processes the last heartbeat did not report' },
    skew: { type: 'boolean', description: 'a machine older than the site deploys' },
    ...terminalStatus,
  },
} as const;

export const fleetSite = {
  type: 'object', required: ['id', 'name', 'environment', 'deployments', 'terminals'], additionalProperties: false,
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, environment: { type: 'string' },
    deployments: {
      type: 'array',
      items: { type: 'object', required: ['processKey', 'versionNumber', 'hash'], additionalProperties: false, properties: { processKey: { type: 'string' }, versionNumber: { type: 'integer' }, hash: { type: 'string' } } },
    },
    terminals: { type: 'array', items: fleetTerminal },
  },
} as const;

const keys = { type: 'array', items: { type: 'string' } } as const;
const changesSchema = {
  type: 'object', required: ['added', 'changed', 'removed', 'unchanged'], additionalProperties: false,
  properties: { added: keys, changed: keys, removed: keys, unchanged: { type: 'integer' } },
} as const;

export const referenceSummarySchema = {
  type: 'object', required: ['name', 'revision', 'rows', 'updatedAt', 'updatedBy'], additionalProperties: false,
  properties: { name: { type: 'string' }, revision: { type: 'integer' }, rows: { type: 'integer', description: 'row count' }, updatedAt: { type: 'string' }, updatedBy: { type: 'string' } },
} as const;

export const referenceRevisionSchema = {
  type: 'object', required: ['revision', 'rows', 'updatedAt', 'updatedBy', 'frozenBy'], additionalProperties: false,
  properties: {
    revision: { type: 'integer' }, rows: { type: 'integer' }, updatedAt: { type: 'string' }, updatedBy: { type: 'string' },
    frozenBy: {
      type: 'array', description: 'published versions whose machine froze this revision',
      items: { type: 'object', required: ['processKey', 'versionNumber'], additionalProperties: false, properties: { processKey: { type: 'string' }, versionNumber: { type: 'integer' } } },
    },
  },
} as const;

export const importResultSchema = {
  type: 'object', required: ['saved', 'changes', 'revision'], additionalProperties: false,
  properties: { saved: { type: 'boolean' }, changes: changesSchema, revision: { type: ['integer', 'null'], description: 'the newest revision after the call' } },
} as const;

const entrySchema = {
  type: 'object', required: ['id', 'at', 'actor', 'address', 'action', 'target', 'before', 'after'], additionalProperties: false,
  properties: {
    id: { type: 'integer' }, at: { type: 'string' }, actor: { type: 'string' }, address: { type: ['string', 'null'] },
    action: { type: 'string' }, target: { type: 'string' }, before: {}, after: {},
  },
} as const;

export const auditPageSchema = {
  type: 'object', required: ['entries', 'nextBefore'], additionalProperties: false,
  properties: { entries: { type: 'array', items: entrySchema }, nextBefore: { type: ['integer', 'null'] } },
} as const;
