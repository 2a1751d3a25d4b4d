import { PROCESS_KEY_PATTERN } from '@voiceman/compiler';
/** JSON Schemas shared by several routes (also what /docs shows). */
export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
  additionalProperties: true,
} as const;

/** Every error status a route can answer, for its response schema. */
export const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  413: errorSchema,
  422: errorSchema,
  429: errorSchema,
} as const;

/** A positive PostgreSQL `integer` (revision, version number): larger is a 400, not an int4 overflow. */
export const positiveInt = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const;

/** The compiler's rule (one pattern for client, server and docs); a mismatch answers `invalid_key` with the rule in words. */
export const processKey = {
  type: 'string', pattern: PROCESS_KEY_PATTERN,
  description: "A process's key: a lower-case letter, then lower-case letters, digits, `-` and `_` (GET /api/processes lists them).",
  examples: ['case-picking', 'sign-on'],
} as const;
/**
 * One line of text: no control characters and no lone surrogates (the input guard already
 * refuses NUL and lone surrogates everywhere; this keeps names and device texts single-line).
 * Ajv compiles patterns with the `u` flag, so paired surrogates (emoji) are one code point.
 */
export const PLAIN_TEXT = '^[^\\u0000-\\u001f\\u007f\\ud800-\\udfff]*$';
export const name = { type: 'string', minLength: 1, maxLength: 200, pattern: PLAIN_TEXT } as const;
export const siteId = {
  type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  description: "A site's id, as GET /api/environments lists them; a new installation has `dev-lab` (development), `test-lab` (test), `pilot-dc-1` and `pilot-dc-2` (production).",
  examples: ['dev-lab', 'test-lab', 'pilot-dc-1', 'pilot-dc-2'],
} as const;

/** A flow graph as stored: the compiler checks its content, the API checks its shape. */
export const flowGraph = {
  type: 'object',
  description: 'The flow as the designer draws it (docs/flow-format.md): nodes, and edges from a node\'s outcome to the next node.',
  required: ['formatVersion', 'process', 'nodes', 'edges'],
  properties: {
    formatVersion: { const: 1 },
    process: { type: 'object' },
    // The compiler's limits (compiler/src/flow-schema.ts), enforced on save too: a draft that can never compile is not stored.
    nodes: { type: 'array', maxItems: 20000, items: { type: 'object', required: ['id', 'kind'] } },
    edges: { type: 'array', maxItems: 60000, items: { type: 'object', required: ['id', 'source', 'outcome', 'target'] } },
  },
} as const;

/** Free JSON (graphs and machines in responses are passed through as they are stored). */
export const anyJson = {} as const;

export const userSchema = {
  type: 'object',
  required: ['username', 'role'],
  properties: {
    username: { type: 'string' }, role: { type: 'string', enum: ['designer', 'tester', 'admin'] },
    mustChangePassword: { type: 'boolean' },
  },
} as const;

/** The compiler's findings (compiler/src/diagnostics.ts `Diagnostic`). */
export const diagnostics = {
  type: 'array',
  description: "The compiler's findings: errors block publishing, warnings do not.",
  items: {
    type: 'object',
    required: ['severity', 'code', 'message'],
    properties: {
      severity: { type: 'string', enum: ['error', 'warning'] },
      code: { type: 'string', description: 'Stable code (docs/flow-format.md lists them).' },
      message: { type: 'string' },
      nodeId: { type: 'string' },
      edgeId: { type: 'string' },
      field: { type: 'string', description: "Path inside the node's data (or the flow) the finding is about." },
      start: { type: 'integer', description: 'Character range inside the field (CEL expressions, templates).' },
      end: { type: 'integer' },
    },
    additionalProperties: false,
  },
} as const;

/** A terminal token, shown once: `expiresAt` null when tokens never expire. */
export const tokenAnswer = {
  type: 'object',
  required: ['token', 'expiresAt'],
  properties: { token: { type: 'string' }, expiresAt: { type: ['string', 'null'] } },
} as const;

/** A process in the list (`GET /api/processes`); also the designer's type (api-types.ts). */
/** What a failing scenario does to publishing: nothing, a warning, or no version. */
export const scenarioGate = { type: 'string', enum: ['off', 'warn', 'block'] } as const;

/** The newest finished scenario run of a process (the process list's badge). */
export const lastScenarioRun = {
  type: ['object', 'null'],
  description: 'The newest finished scenario run against the draft, else against any version.',
  required: ['id', 'at', 'target', 'total', 'passed', 'failed'],
  properties: {
    id: { type: 'string' }, at: { type: 'string' }, target: { anyOf: [{ const: 'draft' }, { type: 'integer' }] },
    total: { type: 'integer' }, passed: { type: 'integer' }, failed: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

export const processSummarySchema = {
  type: 'object',
  required: ['key', 'name', 'revision', 'updatedAt', 'updatedBy', 'latestVersion', 'lastScenarioRun', 'deployments', 'calledBy', 'subflow'],
  properties: {
    key: { type: 'string' }, name: { type: 'string' }, revision: { type: 'integer' },
    updatedAt: { type: 'string' }, updatedBy: { type: 'string' }, latestVersion: { type: ['integer', 'null'] },
    lastScenarioRun,
    deployments: {
      type: 'array', description: 'where the process runs now',
      items: { type: 'object', required: ['siteId', 'versionNumber'], properties: { siteId: { type: 'string' }, versionNumber: { type: 'integer' } }, additionalProperties: false },
    },
    calledBy: { type: 'array', items: { type: 'string' }, description: 'processes whose drafts call this one as a subflow' },
    subflow: { type: 'boolean', description: 'another process calls it, or it declares output variables (written to be called as a subflow)' },
  },
  additionalProperties: false,
} as const;

/** A process's draft: its graph is stored as sent (the compiler checks it). */
export const processDraftSchema = {
  type: 'object',
  required: ['key', 'name', 'revision', 'graph', 'updatedAt', 'updatedBy', 'scenarioGate'],
  properties: {
    key: { type: 'string' }, name: { type: 'string' }, revision: { type: 'integer' }, graph: anyJson,
    updatedAt: { type: 'string' }, updatedBy: { type: 'string' }, scenarioGate,
  },
  additionalProperties: false,
} as const;

/** A published version without its graph and machine. */
export const versionSummarySchema = {
  type: 'object',
  required: ['number', 'hash', 'note', 'author', 'createdAt'],
  properties: { number: { type: 'integer' }, hash: { type: 'string' }, note: { type: 'string' }, author: { type: 'string' }, createdAt: { type: 'string' } },
  additionalProperties: false,
} as const;

/** A small flow that compiles (start → say → end): the example /docs shows for a graph. */
export const exampleGraph = {
  formatVersion: 1,
  process: { key: 'greet', name: 'Greeting', languages: ['en'], variables: [], globalWords: [] },
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'say', kind: 'say', position: { x: 0, y: 80 }, data: { text: { en: 'Hello' } } },
    { id: 'end', kind: 'end', position: { x: 0, y: 160 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', outcome: 'next', target: 'say' },
    { id: 'e2', source: 'say', outcome: 'next', target: 'end' },
  ],
} as const;
