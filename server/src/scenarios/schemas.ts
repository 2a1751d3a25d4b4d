/** JSON Schemas of the scenario routes (what /docs shows and what the responses serialize). */
import { anyJson } from '../schemas.js';

const target = { oneOf: [{ const: 'draft' }, { type: 'integer', minimum: 1, maximum: 2_147_483_647 }] } as const;
export const targetSchema = target;
const nullableTarget = { anyOf: [{ const: 'draft' }, { type: 'integer' }] } as const;

export { lastScenarioRun, scenarioGate } from '../schemas.js';

export const storedScenario = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' },
    scenario: { ...anyJson, description: 'The scenario (format v1, docs/scenario-format.md)' },
    updatedAt: { type: 'string' }, updatedBy: { type: 'string' },
    lastResult: {
      type: ['object', 'null'],
      properties: { runId: { type: 'string' }, at: { type: 'string' }, target: nullableTarget, passed: { type: 'boolean' }, difference: anyJson },
    },
  },
} as const;

const result = {
  type: 'object',
  properties: {
    scenarioId: { type: 'string' }, name: { type: 'string' }, passed: { type: 'boolean' },
    difference: { ...anyJson, description: "The simulator's ScenarioDifference: the first step where the run differs" },
    steps: { type: 'integer' }, taken: { type: 'array', items: { type: 'string' } },
    view: { ...anyJson, description: "A failed scenario's SimView at its end (only on GET /api/scenario-runs/:id)" },
  },
} as const;

export const runReport = {
  type: 'object',
  properties: {
    id: { type: 'string' }, processKey: { type: 'string' }, target: nullableTarget,
    trigger: { type: 'string', enum: ['manual', 'publish', 'nightly'] },
    status: { type: 'string', enum: ['running', 'done', 'failed'] }, error: { type: 'string' },
    total: { type: 'integer' }, done: { type: 'integer' }, passed: { type: 'integer' }, failed: { type: 'integer' },
    results: { type: 'array', items: result },
    coverage: { ...anyJson, description: "The simulator's ProcessCoverage over all scenarios of the run; null until it is done" },
    startedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] }, startedBy: { type: ['string', 'null'] },
  },
} as const;

/** The publish answer's `scenarios` (absent when the gate is `off`). */
export const publishScenarios = {
  type: 'object',
  required: ['total', 'passed', 'failed', 'runId'],
  properties: { total: { type: 'integer' }, passed: { type: 'integer' }, failed: { type: 'integer' }, runId: { type: ['string', 'null'] } },
  additionalProperties: false,
} as const;
