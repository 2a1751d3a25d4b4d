/** JSON Schemas of the scenario routes (what /docs shows and what the responses serialize). */
import { anyJson } from '../schemas.js';

const target = { oneOf: [{ const: 'draft' }, { type: 'integer', minimum: 1, maximum: 2_147_483_647 }] } as const;
export const targetSchema = target;
const nullableTarget = { anyOf: [{ const: 'draft' }, { type: 'integer' }] } as const;

export { lastScenarioRun, scenarioGate } from '../schemas.js';

export const storedScenario = {
  type: 'object',
  required: ['id', 'name', 'scenario', 'updatedAt', 'updatedBy', 'lastResult'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' },
    scenario: { ...anyJson, description: 'The scenario (format v1, docs/scenario-format.md)' },
    updatedAt: { type: 'string' }, updatedBy: { type: 'string' },
    lastResult: {
      type: ['object', 'null'], description: 'its result in the newest finished run that ran it',
      required: ['runId', 'at', 'target', 'passed'],
      properties: { runId: { type: 'string' }, at: { type: 'string' }, target: nullableTarget, passed: { type: 'boolean' }, difference: anyJson },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const scenarioResult = {
  type: 'object',
  required: ['scenarioId', 'name', 'passed', 'steps', 'taken'],
  properties: {
    scenarioId: { type: 'string' }, name: { type: 'string' }, passed: { type: 'boolean' },
    difference: { ...anyJson, description: "The simulator's ScenarioDifference: the first step where the run differs" },
    steps: { type: 'integer' }, taken: { type: 'array', items: { type: 'string' }, description: 'outcome keys in the order the run took them' },
    view: { ...anyJson, description: "A failed scenario's SimView at its end (only on GET /api/scenario-runs/:id; absent over 256 KiB)" },
  },
  additionalProperties: false,
} as const;

export const runReport = {
  type: 'object',
  required: ['id', 'processKey', 'target', 'trigger', 'status', 'total', 'done', 'passed', 'failed', 'results', 'coverage', 'startedAt', 'finishedAt', 'startedBy'],
  properties: {
    id: { type: 'string' }, processKey: { type: 'string' }, target: nullableTarget,
    trigger: { type: 'string', enum: ['manual', 'publish', 'nightly'] },
    status: { type: 'string', enum: ['running', 'done', 'failed'] }, error: { type: 'string' },
    total: { type: 'integer' }, done: { type: 'integer' }, passed: { type: 'integer' }, failed: { type: 'integer' },
    results: { type: 'array', items: scenarioResult },
    coverage: { ...anyJson, description: "The simulator's ProcessCoverage over all scenarios of the run; null until it is done" },
    startedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] }, startedBy: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

/** The publish answer's `scenarios` (absent when the gate is `off`). */
export const publishScenarios = {
  type: 'object',
  required: ['total', 'passed', 'failed', 'runId'],
  properties: { total: { type: 'integer' }, passed: { type: 'integer' }, failed: { type: 'integer' }, runId: { type: ['string', 'null'] } },
  additionalProperties: false,
} as const;
