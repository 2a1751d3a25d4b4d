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
export const processKey = { type: 'string', pattern: PROCESS_KEY_PATTERN } as const;
/**
 * One line of text: no control characters and no lone surrogates (the input guard already
 * refuses NUL and lone surrogates everywhere; this keeps names and device texts single-line).
 * Ajv compiles patterns with the `u` flag, so paired surrogates (emoji) are one code point.
 */
export const PLAIN_TEXT = '^[^\\u0000-\\u001f\\u007f\\ud800-\\udfff]*$';
export const name = { type: 'string', minLength: 1, maxLength: 200, pattern: PLAIN_TEXT } as const;
export const siteId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;

/** A flow graph as stored: the compiler checks its content, the API checks its shape. */
export const flowGraph = {
  type: 'object',
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

export const diagnostics = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** A terminal token, shown once: `expiresAt` null when tokens never expire. */
export const tokenAnswer = {
  type: 'object',
  required: ['token', 'expiresAt'],
  properties: { token: { type: 'string' }, expiresAt: { type: ['string', 'null'] } },
} as const;
